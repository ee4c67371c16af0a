import { detectType } from './media-types';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('detectType: the type from the first bytes', () => {
  it.each([
    ['pdf', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['gif', bytes('GIF89a'), 'image/gif'],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    ['wav', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), 'audio/wav'],
    ['tiff', bytes([0x49, 0x49, 0x2a, 0x00]), 'image/tiff'],
    ['mp4', bytes([0, 0, 0, 0x20], 'ftypisom'), 'video/mp4'],
    ['mov', bytes([0, 0, 0, 0x14], 'ftypqt  '), 'video/quicktime'],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic'), 'image/heic'],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'), 'video/webm'],
    ['mkv', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska'), 'video/x-matroska'],
    ['mp3', bytes('ID3', [4, 0]), 'audio/mpeg'],
    ['ogg', bytes('OggS'), 'audio/ogg'],
    ['zip', bytes([0x50, 0x4b, 0x03, 0x04]), 'application/zip'],
  ])('%s', (name, head, mediaType) => {
    expect(detectType(head)).toMatchObject({ name, mediaType });
  });

  it('recognises nothing in text, HTML or an empty file', () => {
    for (const head of [bytes('hello'), bytes('<!doctype html><script>'), Buffer.alloc(0), bytes('%PD')]) {
      expect(detectType(head)).toBeNull();
    }
  });
});
