#include <zlib.h>
/* inflateInit2 is a macro; Swift calls this wrapper instead (gzip streams: windowBits 15+32). */
static inline int podhist_inflateInit2(z_streamp strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}
/* deflateInit2 is a macro too. */
static inline int podhist_deflateInit2(z_streamp strm, int level) {
  return deflateInit2(strm, level, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY);
}
static inline int podhist_inflateInit(z_streamp strm) { return inflateInit(strm); }
/* Raw deflate streams (RFC 1951, no zlib header or Adler-32): chunks carry their own CRC-32. */
static inline int podhist_deflateInitRaw(z_streamp strm, int level) {
  return deflateInit2(strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}
