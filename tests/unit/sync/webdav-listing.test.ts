// @vitest-environment node
// Folder listings as different servers write them: prefixes differ (D:, d:, none with a default
// namespace), hrefs may be absolute URLs or paths, percent-encoded or not.
import { describe, expect, test } from 'vitest';
import { parseListing, RemoteError } from '@/utils/sync';

const response = (href: string, folder: boolean, prefix = 'D:') =>
  `<${prefix}response><${prefix}href>${href}</${prefix}href><${prefix}propstat><${prefix}prop><${prefix}resourcetype>${folder ? `<${prefix}collection/>` : ''}</${prefix}resourcetype></${prefix}prop></${prefix}propstat></${prefix}response>`;

describe('parseListing', () => {
  test('Apache style (D: prefix, paths), the folder itself left out', () => {
    const xml = `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">${response('/dav/sync/devices/', true)}${response('/dav/sync/devices/abc.json', false)}${response('/dav/sync/devices/sub/', true)}</D:multistatus>`;
    expect(parseListing(xml, '/dav/sync/devices/')).toEqual([
      { name: 'abc.json', isFolder: false },
      { name: 'sub', isFolder: true },
    ]);
  });

  test('Nextcloud style (d: prefix, encoded spaces) and absolute hrefs', () => {
    const xml = `<d:multistatus xmlns:d="DAV:">${response('https://cloud.example/remote.php/dav/files/me/My%20Sync/', true, 'd:')}${response('https://cloud.example/remote.php/dav/files/me/My%20Sync/readmark.json', false, 'd:')}</d:multistatus>`;
    expect(parseListing(xml, '/remote.php/dav/files/me/My%20Sync/')).toEqual([
      { name: 'readmark.json', isFolder: false },
    ]);
  });

  test('default namespace without a prefix, and XML entities in names', () => {
    const xml = `<multistatus xmlns="DAV:">${response('/s/', true, '')}${response('/s/a&amp;b.json', false, '')}</multistatus>`;
    expect(parseListing(xml, '/s/')).toEqual([{ name: 'a&b.json', isFolder: false }]);
  });

  test('strong ETags are kept, weak ones (Apache, a second after a write) and empty ones left out', () => {
    const file = (name: string, etag: string) =>
      `<D:response><D:href>/s/${name}</D:href><D:propstat><D:prop><D:resourcetype/>${etag}</D:prop></D:propstat></D:response>`;
    const xml = `<D:multistatus xmlns:D="DAV:">${file('a.json', '<D:getetag>"5f-1a2b"</D:getetag>')}${file('b.json', '<lp1:getetag>W/"5f-1a2c"</lp1:getetag>')}${file('c.json', '<D:getetag/>')}${file('d.json', '<D:getetag>&quot;x&quot;</D:getetag>')}</D:multistatus>`;
    expect(parseListing(xml, '/s/')).toEqual([
      { name: 'a.json', isFolder: false, etag: '"5f-1a2b"' },
      { name: 'b.json', isFolder: false },
      { name: 'c.json', isFolder: false },
      { name: 'd.json', isFolder: false, etag: '"x"' },
    ]);
  });

  test('an answer that is not a WebDAV listing is an error, not an empty folder', () => {
    expect(() => parseListing('<html>Login</html>', '/s/')).toThrow(RemoteError);
  });
});
