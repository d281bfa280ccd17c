/**
 * File sizes for people, the same words the core and the command line use
 * (`wellkept::attachments::format_size`): "1 byte", "812 bytes", "14.2 KB", "3.1 MB" (powers of
 * 1024, one decimal).
 *
 * Usage: formatSize(14540) // "14.2 KB"
 * @param {number} bytes
 */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}
