#include "core/util/memory_reuse.h"

#include <malloc.h>

namespace le {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
    // Setting either value turns off glibc's own adaptive thresholds, so both are set.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

} // namespace le
