#include "core/util/blas_threads.h"

#include <dlfcn.h>
#include <omp.h>

#include <mutex>

namespace le {

namespace {

// OpenBLAS's own API (cblas.h), looked up at run time so that any BLAS can be linked.
struct OpenBlasApi {
    int (*getParallel)() = nullptr; // 0 serial, 1 pthreads, 2 OpenMP
    int (*getNumThreads)() = nullptr;
    void (*setNumThreads)(int) = nullptr;
    char* (*getConfig)() = nullptr;

    OpenBlasApi() {
        getParallel = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
        getNumThreads = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        setNumThreads = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        getConfig = reinterpret_cast<char* (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
    }
    bool found() const { return getParallel && getNumThreads && setNumThreads; }
    BlasThreading threading() const {
        if (!found()) return BlasThreading::NotOpenBlas;
        switch (getParallel()) {
        case 1: return BlasThreading::Pthreads;
        case 2: return BlasThreading::OpenMP;
        default: return BlasThreading::Serial;
        }
    }
};

const OpenBlasApi& api() {
    static const OpenBlasApi instance;
    return instance;
}

std::mutex scopeMutex;
int scopeDepth = 0;
int savedThreads = 0; // the pthreads build's count before the outermost scope

} // namespace

BlasRuntime blasRuntime() {
    BlasRuntime r;
    r.threading = api().threading();
    if (api().getConfig) r.config = api().getConfig();
    return r;
}

const char* blasThreadingName(BlasThreading threading) {
    switch (threading) {
    case BlasThreading::OpenMP: return "openmp";
    case BlasThreading::Pthreads: return "pthreads";
    case BlasThreading::Serial: return "serial";
    case BlasThreading::NotOpenBlas: break;
    }
    return "not OpenBLAS";
}

int blasThreadsHere() {
    const BlasThreading t = api().threading();
    if (t == BlasThreading::NotOpenBlas || t == BlasThreading::Serial) return 1;
    if (t == BlasThreading::OpenMP && omp_in_parallel()) return 1;
    return api().getNumThreads();
}

SingleThreadedBlas::SingleThreadedBlas() {
    if (api().threading() != BlasThreading::Pthreads) return;
    std::lock_guard<std::mutex> lock(scopeMutex);
    if (scopeDepth++ == 0) {
        savedThreads = api().getNumThreads();
        if (savedThreads > 1) api().setNumThreads(1);
    }
}

SingleThreadedBlas::~SingleThreadedBlas() {
    if (api().threading() != BlasThreading::Pthreads) return;
    std::lock_guard<std::mutex> lock(scopeMutex);
    if (--scopeDepth == 0 && savedThreads > 1) api().setNumThreads(savedThreads);
}

} // namespace le
