#include <zlib.h>
/* inflateInit2 is a macro; Swift calls this wrapper instead (gzip streams: windowBits 15+32). */
static inline int podhist_inflateInit2(z_streamp strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}
