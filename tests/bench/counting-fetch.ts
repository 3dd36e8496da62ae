/** Requests and bytes each way through a fetch, for the sync benches. */
export interface Counter {
  requests: number;
  up: number;
  down: number;
}

export function counting(counter: Counter): typeof fetch {
  return async (input, init) => {
    counter.requests++;
    const body = init?.body;
    if (body instanceof Uint8Array) counter.up += body.length;
    else if (typeof body === 'string') counter.up += body.length;
    const response = await fetch(input, init);
    counter.down += Number(response.headers.get('content-length') ?? 0);
    return response;
  };
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
