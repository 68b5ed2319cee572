#pragma once
// Which OpenBLAS build the process loaded, and keeping it single-threaded inside our own
// OpenMP loops. Debian ships OpenBLAS as three builds behind one soname (libopenblas.so.0,
// chosen by update-alternatives): OpenMP (what we build against: called inside an OpenMP
// region it runs on the calling thread), pthreads (installed by many numpy users: it starts
// its own threads on every call, even from our parallel loops, which oversubscribes the
// cores: measured 2.8× slower on a small compare) and serial. The executables look for the
// OpenMP build first (RUNPATH, see CMakeLists.txt); when another build is loaded anyway
// (LD_LIBRARY_PATH, LD_PRELOAD, no OpenMP build installed), SingleThreadedBlas keeps it to
// one thread per call while our loops run.
#include <string>

namespace le {

enum class BlasThreading { NotOpenBlas, Serial, Pthreads, OpenMP };

struct BlasRuntime {
    BlasThreading threading = BlasThreading::NotOpenBlas;
    std::string config; // openblas_get_config(), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"
};

// Found through the symbols of the loaded library (dlsym), not the build configuration.
BlasRuntime blasRuntime();
const char* blasThreadingName(BlasThreading threading); // "openmp", "pthreads", "serial", "not OpenBLAS"

// How many threads an OpenBLAS call made from this thread, now, would use (1 when not
// OpenBLAS): the OpenMP build runs single-threaded inside an active OpenMP region.
int blasThreadsHere();

// While one exists (nestable, any thread), the pthreads build runs every call on the calling
// thread; the previous thread count comes back when the last one ends. Created before each
// of the core's OpenMP loops (ParallelGuard does it for the metrics). No effect on the other
// builds.
class SingleThreadedBlas {
public:
    SingleThreadedBlas();
    ~SingleThreadedBlas();
    SingleThreadedBlas(const SingleThreadedBlas&) = delete;
    SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;
};

} // namespace le
