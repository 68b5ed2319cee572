#include "core/util/npy_minimal.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>

#include "core/util/error.h"

namespace le {

namespace {

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "", "cannot open file");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

template <typename T>
T load(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}

} // namespace

NpyArray readNpyMinimal(const std::string& path) {
    const std::string bytes = readAll(path);
    if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
        throw InputError(path, "", "not a .npy file (bad magic)");
    const int major = static_cast<unsigned char>(bytes[6]);
    std::size_t headerLen, headerStart;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(bytes[8]) | (std::size_t(static_cast<unsigned char>(bytes[9])) << 8);
        headerStart = 10;
    } else {
        if (bytes.size() < 12) throw InputError(path, "", "truncated .npy header");
        headerLen = load<std::uint32_t>(bytes.data() + 8);
        headerStart = 12;
    }
    if (headerStart + headerLen > bytes.size()) throw InputError(path, "", "truncated .npy header");
    const std::string header = bytes.substr(headerStart, headerLen);

    std::smatch m;
    if (!std::regex_search(header, m, std::regex("'descr':\\s*'([^']*)'")))
        throw InputError(path, "header", "no dtype in .npy header");
    const std::string descr = m[1];
    const bool fortran = header.find("'fortran_order': True") != std::string::npos;
    if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)")))
        throw InputError(path, "header", "no shape in .npy header");
    NpyArray out;
    const std::string dims = m[1];
    const std::regex number("\\d+");
    for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it)
        out.shape.push_back(std::stoll(it->str()));
    if (out.shape.empty() || out.shape.size() > 2)
        throw InputError(path, "header", "expected a 1-D or 2-D array, got " +
                                             std::to_string(out.shape.size()) + " dimensions");

    int itemSize;
    if (descr == "<f8" || descr == "<i8") itemSize = 8;
    else if (descr == "<f4" || descr == "<i4") itemSize = 4;
    else throw InputError(path, "header", "unsupported dtype '" + descr + "' (need <f8, <f4, <i8 or <i4)");
    out.isFloat32 = descr == "<f4";

    const long long rows = out.shape[0];
    const long long cols = out.shape.size() == 2 ? out.shape[1] : 1;
    const std::size_t dataStart = headerStart + headerLen;
    if (bytes.size() - dataStart < std::size_t(rows * cols) * std::size_t(itemSize))
        throw InputError(path, "data", "file shorter than its shape says");
    out.values.resize(rows, cols);
    const char* p = bytes.data() + dataStart;
    for (long long k = 0; k < rows * cols; ++k, p += itemSize) {
        double v;
        if (descr == "<f8") v = load<double>(p);
        else if (descr == "<f4") v = load<float>(p);
        else if (descr == "<i8") v = double(load<std::int64_t>(p));
        else v = load<std::int32_t>(p);
        const long long r = fortran ? k % rows : k / cols;
        const long long c = fortran ? k / rows : k % cols;
        out.values(r, c) = v;
    }
    return out;
}

std::vector<long long> readNpyIndices(const std::string& path) {
    const NpyArray a = readNpyMinimal(path);
    if (a.shape.size() != 1) throw InputError(path, "", "index array must be 1-D");
    std::vector<long long> idx(std::size_t(a.values.rows()));
    for (Eigen::Index i = 0; i < a.values.rows(); ++i) {
        const double v = a.values(i, 0);
        if (v != std::floor(v)) throw InputError(path, "element " + std::to_string(i), "index is not an integer");
        idx[std::size_t(i)] = static_cast<long long>(v);
    }
    return idx;
}

void writeNpyVector(const std::string& path, const Eigen::VectorXd& values) {
    std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
                         std::to_string(values.size()) + ",), }";
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) throw InputError(path, "", "cannot write file");
        out.write("\x93NUMPY\x01\x00", 8);
        const std::uint16_t len = static_cast<std::uint16_t>(header.size());
        out.put(char(len & 0xff));
        out.put(char(len >> 8));
        out.write(header.data(), std::streamsize(header.size()));
        out.write(reinterpret_cast<const char*>(values.data()), std::streamsize(values.size() * 8));
        if (!out) {
            out.close();
            std::remove(temp.c_str());
            throw InputError(path, "", "write failed");
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        std::remove(temp.c_str());
        throw InputError(path, "", "cannot replace file");
    }
}

} // namespace le
