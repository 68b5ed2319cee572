#pragma once
// A whole file mapped read-only into memory (POSIX mmap, PROT_READ + MAP_PRIVATE). Reading a
// byte touches only its page: the OS reads the pages a computation uses and can drop them again,
// so a large feature file costs resident memory only for the rows in use.
//
// Caveat of every memory map: if another program truncates the file while it is mapped, reading
// the lost pages kills the process (SIGBUS), and rewriting it in place changes the values seen.
// Writers that replace the file (write a new file, then rename) are harmless.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace le {

class MappedFile {
public:
    // Maps the whole file and closes its descriptor; throws InputError naming `path` when it
    // cannot be opened or mapped. An empty file gives an empty mapping.
    static std::shared_ptr<const MappedFile> open(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {static_cast<const char*>(base_), size_}; }
    std::size_t size() const { return size_; }

    // Lets the OS drop the pages of [from, from + length) from this process's resident memory
    // (rounded out to whole pages). Nothing changes for readers: a page is read from the file
    // (usually the page cache) again when next touched. Safe while other threads read.
    void releasePages(const void* from, std::size_t length) const;

private:
    MappedFile(void* base, std::size_t size) : base_(base), size_(size) {}
    void* base_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace le
