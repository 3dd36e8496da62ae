/** Bytes ↔ base64 and JSON, without Node's Buffer (the engine runs in extension workers too). */
import { base64ToBytes, bytesToBase64 } from '@/utils/model';

export const toBase64 = bytesToBase64;

/** Bytes backed by a plain ArrayBuffer, as WebCrypto's types want them. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(base64ToBytes(text));
}

export function jsonBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(value));
}

export function bytesJson(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes));
}
