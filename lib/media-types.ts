/**
 * Media types of the files people send in conversations, by file extension. A small table instead of a
 * dependency: an upload needs a plausible `Content-Type`, and the API validates the file itself anyway.
 */
import { extname } from 'node:path';

/** The fallback when nothing better is known, as RFC 2046 says for unknown bytes. */
export const OCTET_STREAM = 'application/octet-stream';

const byExtension: Record<string, string> = {
  // images
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  ico: 'image/x-icon',
  // audio and video
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
  wav: 'audio/wav',
  amr: 'audio/amr',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  '3gp': 'video/3gpp',
  avi: 'video/x-msvideo',
  // documents
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
  rtf: 'application/rtf',
  vcf: 'text/vcard',
  ics: 'text/calendar',
  zip: 'application/zip',
  gz: 'application/gzip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

/**
 * The media type of a file name by its extension (case-insensitive), or undefined when the table lacks it.
 * @example mediaTypeOf('Photo.JPG') // 'image/jpeg'
 */
export function mediaTypeOf(filename: string): string | undefined {
  return byExtension[extname(filename).slice(1).toLowerCase()];
}

/**
 * The usual extension of a media type (without the dot), or undefined.
 * @example extensionOf('image/png') // 'png'
 */
export function extensionOf(mediaType: string): string | undefined {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  return Object.keys(byExtension).find((ext) => byExtension[ext] === type);
}
