import { defineWebExtConfig } from 'wxt';

// `npm run dev` opens Debian's Chromium with the extension where a display exists; in CI or
// without a display it only builds and watches.
export default defineWebExtConfig({
  disabled: !!process.env.CI || !process.env.DISPLAY,
  binaries: { chrome: '/usr/bin/chromium' },
  chromiumArgs: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
