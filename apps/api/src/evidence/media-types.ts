/**
 * What an evidence file is, judged from its first bytes (never from its name or the client's header).
 * A small table rather than a sniffing library: the registry accepts a short, configured list of
 * formats, and each of them opens with a fixed signature.
 */
export const EVIDENCE_TYPE_NAMES = [
  'pdf',
  'png',
  'jpeg',
  'gif',
  'webp',
  'tiff',
  'heic',
  'mp4',
  'mov',
  'webm',
  'mkv',
  'mp3',
  'm4a',
  'wav',
  'ogg',
  'zip',
] as const;
export type EvidenceTypeName = (typeof EVIDENCE_TYPE_NAMES)[number];

export interface DetectedType {
  name: EvidenceTypeName;
  mediaType: string;
  extension: string;
}

/** How many leading bytes detection reads (a WebM's DocType sits in its first few dozen bytes). */
export const HEAD_BYTES = 4096;

const TYPES: Record<EvidenceTypeName, Omit<DetectedType, 'name'>> = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  png: { mediaType: 'image/png', extension: 'png' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  gif: { mediaType: 'image/gif', extension: 'gif' },
  webp: { mediaType: 'image/webp', extension: 'webp' },
  tiff: { mediaType: 'image/tiff', extension: 'tif' },
  heic: { mediaType: 'image/heic', extension: 'heic' },
  mp4: { mediaType: 'video/mp4', extension: 'mp4' },
  mov: { mediaType: 'video/quicktime', extension: 'mov' },
  webm: { mediaType: 'video/webm', extension: 'webm' },
  mkv: { mediaType: 'video/x-matroska', extension: 'mkv' },
  mp3: { mediaType: 'audio/mpeg', extension: 'mp3' },
  m4a: { mediaType: 'audio/mp4', extension: 'm4a' },
  wav: { mediaType: 'audio/wav', extension: 'wav' },
  ogg: { mediaType: 'audio/ogg', extension: 'ogg' },
  zip: { mediaType: 'application/zip', extension: 'zip' },
};

const startsWith = (head: Buffer, bytes: number[] | string, at = 0): boolean => {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + expected.length && head.subarray(at, at + expected.length).equals(expected);
};

/** ISO base media (MP4 family): the `ftyp` box's major brand says which member. */
function isoMedia(head: Buffer): EvidenceTypeName | null {
  if (!startsWith(head, 'ftyp', 4)) return null;
  const brand = head.subarray(8, 12).toString('latin1');
  if (brand === 'qt  ') return 'mov';
  if (['heic', 'heix', 'mif1', 'msf1'].includes(brand)) return 'heic';
  if (brand === 'M4A ') return 'm4a';
  return 'mp4';
}

function nameOf(head: Buffer): EvidenceTypeName | null {
  if (startsWith(head, '%PDF-')) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return 'gif';
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return 'webp';
  if (startsWith(head, 'RIFF') && startsWith(head, 'WAVE', 8)) return 'wav';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  // Matroska; WebM is the Matroska profile whose DocType (in the first bytes) says "webm".
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return head.subarray(0, 64).includes('webm', 0, 'latin1') ? 'webm' : 'mkv';
  }
  if (startsWith(head, 'OggS')) return 'ogg';
  if (startsWith(head, 'ID3') || (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return 'mp3';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return isoMedia(head);
}

/** The type the bytes announce, or null when none of the table's signatures matches. */
export function detectType(head: Buffer): DetectedType | null {
  const name = nameOf(head);
  return name ? { name, ...TYPES[name] } : null;
}
