import { describe, expect, it } from 'vitest';
import { POSTER_KEY, sniffImageType } from './image-type';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('image sniffing', () => {
  it('knows PNG, JPEG and WebP by their signatures', () => {
    expect(sniffImageType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.ext).toBe('png');
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.contentType).toBe('image/jpeg');
    expect(sniffImageType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))?.ext).toBe('webp');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(sniffImageType(bytes('GIF89a'))).toBeNull();
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it('accepts only our own poster keys', () => {
    expect(POSTER_KEY.test('12-0123456789abcdef.webp')).toBe(true);
    expect(POSTER_KEY.test('../../etc/passwd')).toBe(false);
    expect(POSTER_KEY.test('12-0123456789abcdef.svg')).toBe(false);
  });
});
