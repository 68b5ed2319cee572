#include "core/util/mapped_file.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util/error.h"

namespace le {

std::shared_ptr<const MappedFile> MappedFile::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path, "", std::string("cannot open file: ") + std::strerror(errno));
    struct stat info;
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        throw InputError(path, "", std::string("cannot read the file's size: ") + std::strerror(error));
    }
    if (S_ISDIR(info.st_mode)) {
        ::close(fd);
        throw InputError(path, "", "is a folder, not a file");
    }
    const auto size = std::size_t(info.st_size);
    void* base = nullptr;
    if (size > 0) { // mmap refuses a length of 0
        base = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (base == MAP_FAILED) {
            const int error = errno;
            ::close(fd);
            throw InputError(path, "", std::string("cannot memory-map the file: ") + std::strerror(error));
        }
    }
    ::close(fd); // the mapping keeps the file open
    return std::shared_ptr<const MappedFile>(new MappedFile(base, size));
}

MappedFile::~MappedFile() {
    if (base_) ::munmap(base_, size_);
}

void MappedFile::releasePages(const void* from, std::size_t length) const {
    if (!base_ || length == 0) return;
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const auto begin = std::uintptr_t(base_), end = begin + size_;
    const auto first = std::max(begin, std::uintptr_t(from) / page * page);
    const auto last = std::min(end, std::uintptr_t(from) + length);
    if (last <= first) return;
    // MADV_DONTNEED on a private mapping that is never written: the pages come back from the
    // file on the next read, unchanged. Failure only means the pages stay resident.
    ::madvise(reinterpret_cast<void*>(first), std::size_t(last - first), MADV_DONTNEED);
}

} // namespace le
