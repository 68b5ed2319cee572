// libFuzzer harness for the chemiscope reader (JSON text, and gzip when the input starts
// with the gzip magic): only InputError may escape.
#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/io/chemiscope_reader.h"
#include "core/io/gzip.h"
#include "core/util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        if (le::looksGzipped(bytes)) bytes = le::gunzip(bytes, "fuzz.json.gz", std::size_t(1) << 24);
        le::parseChemiscope(QByteArray::fromStdString(bytes), "fuzz.json");
    } catch (const le::InputError&) {
    }
    return 0;
}
