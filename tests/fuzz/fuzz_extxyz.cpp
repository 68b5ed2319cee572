// libFuzzer harness: any byte string given to the extxyz reader must either parse or throw
// InputError; any other exception, crash, leak or undefined behaviour is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/io/extxyz_reader.h"
#include "core/io/file_bytes.h"
#include "core/util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        le::requireUtf8(text, "fuzz.xyz");
        le::parseExtxyz(text, "fuzz.xyz");
    } catch (const le::InputError&) {
    }
    return 0;
}
