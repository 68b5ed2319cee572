#include "core/io/npy.h"

#include <cstring>
#include <stdexcept>

#include "core/io/file_bytes.h"
#include "core/io/text_scan.h"
#include "core/util/error.h"

namespace le {

namespace {

int itemSize(NpyType t) {
    switch (t) {
    case NpyType::Float32: case NpyType::Int32: return 4;
    case NpyType::Float64: case NpyType::Int64: return 8;
    case NpyType::Bool: return 1;
    case NpyType::Text: return 4; // per UTF-32 code unit
    }
    return 1;
}

struct NpyHeader {
    std::string descr;
    bool fortranOrder = false;
    std::vector<long long> shape;
};

// Value text after `'key':` in the header dict, or empty when the key is absent.
std::string_view valueOf(std::string_view dict, std::string_view key) {
    for (char quote : {'\'', '"'}) {
        std::string quoted(1, quote);
        quoted.append(key);
        quoted += quote;
        auto at = dict.find(quoted);
        if (at == std::string_view::npos) continue;
        auto colon = dict.find(':', at + quoted.size());
        if (colon == std::string_view::npos) return {};
        auto v = dict.substr(colon + 1);
        while (!v.empty() && text::isSpace(v.front())) v.remove_prefix(1);
        return v;
    }
    return {};
}

NpyHeader parseHeaderDict(std::string_view dict, const std::string& name) {
    auto fail = [&](const std::string& what) -> NpyHeader {
        throw InputError(name, "npy header", what + " (header: " + std::string(dict.substr(0, 120)) + ")");
    };
    NpyHeader h;
    auto descr = valueOf(dict, "descr");
    if (descr.empty()) return fail("no 'descr' entry");
    if (descr.front() == '[')
        throw UnsupportedDtype(name, "npy header", "structured arrays (record dtypes) are not supported; save one plain array per field");
    if (descr.front() != '\'' && descr.front() != '"') return fail("unreadable 'descr'");
    auto close = descr.find(descr.front(), 1);
    if (close == std::string_view::npos) return fail("unreadable 'descr'");
    h.descr = std::string(descr.substr(1, close - 1));

    auto order = valueOf(dict, "fortran_order");
    if (order.substr(0, 4) == "True") h.fortranOrder = true;
    else if (order.substr(0, 5) != "False") return fail("no 'fortran_order' True/False entry");

    auto shape = valueOf(dict, "shape");
    if (shape.empty() || shape.front() != '(') return fail("no 'shape' tuple");
    auto end = shape.find(')');
    if (end == std::string_view::npos) return fail("unterminated 'shape' tuple");
    std::string_view inner = shape.substr(1, end - 1);
    while (!inner.empty()) {
        auto comma = inner.find(',');
        std::string_view item = inner.substr(0, comma);
        while (!item.empty() && text::isSpace(item.front())) item.remove_prefix(1);
        while (!item.empty() && (text::isSpace(item.back()) || item.back() == 'L')) item.remove_suffix(1);
        if (!item.empty()) {
            long long d = -1;
            if (!text::parseInt(item, d) || d < 0) return fail("bad dimension '" + std::string(item) + "' in 'shape'");
            h.shape.push_back(d);
        }
        if (comma == std::string_view::npos) break;
        inner.remove_prefix(comma + 1);
    }
    if (h.shape.size() > 32) return fail("more than 32 dimensions");
    return h;
}

// Maps a descr to a type; rejects what we cannot read with a message that says why.
NpyType typeOf(const std::string& descr, int& textWidth, const std::string& name) {
    textWidth = 0;
    auto reject = [&](const std::string& why) -> NpyType { throw UnsupportedDtype(name, "npy header", why); };
    if (descr.size() < 2) return reject("unknown dtype '" + descr + "'");
    const char order = descr[0];
    const std::string code = descr.substr(1);
    if (code == "O" || code.rfind("O", 0) == 0)
        return reject("object arrays (pickled Python objects) are not supported; save a numeric array "
                      "(e.g. np.asarray(x, dtype=np.float64))");
    if (order == '>' && code != "b1" && code != "u1" && code != "i1")
        return reject("big-endian dtype '" + descr + "' is not supported; convert with arr.astype('<" + code + "')");
    if (code == "b1" && (order == '|' || order == '<' || order == '=')) return NpyType::Bool;
    if (order != '<' && order != '=' && order != '|') return reject("unknown byte order in dtype '" + descr + "'");
    if (code == "f4") return NpyType::Float32;
    if (code == "f8") return NpyType::Float64;
    if (code == "i4") return NpyType::Int32;
    if (code == "i8") return NpyType::Int64;
    if (code[0] == 'U') {
        long long w = 0;
        if (!text::parseInt(code.substr(1), w) || w < 1 || w > 1 << 20)
            return reject("unknown text dtype '" + descr + "'");
        textWidth = int(w);
        return NpyType::Text;
    }
    return reject("unsupported dtype '" + descr + "'; supported: <f4 <f8 <i4 <i8 |b1 (and <U text)");
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) out += char(cp);
    else if (cp < 0x800) out += char(0xC0 | (cp >> 6)), out += char(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
        out += char(0xE0 | (cp >> 12)), out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
    else
        out += char(0xF0 | (cp >> 18)), out += char(0x80 | ((cp >> 12) & 0x3F)),
            out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
}

// Fortran-order element data → C order (general N-D index reversal).
std::vector<unsigned char> fortranToC(const std::vector<unsigned char>& in, const std::vector<long long>& shape,
                                      std::size_t item) {
    std::vector<unsigned char> out(in.size());
    const std::size_t nd = shape.size();
    long long count = 1;
    for (auto d : shape) count *= d;
    std::vector<long long> index(nd, 0);
    for (long long c = 0; c < count; ++c) {
        long long f = 0, stride = 1;
        for (std::size_t k = 0; k < nd; ++k) {
            f += index[k] * stride;
            stride *= shape[k];
        }
        std::memcpy(&out[std::size_t(c) * item], &in[std::size_t(f) * item], item);
        for (std::size_t k = nd; k-- > 0;) { // advance the C-order (last fastest) index
            if (++index[k] < shape[k]) break;
            index[k] = 0;
        }
    }
    return out;
}

} // namespace

NpyArray parseNpy(std::string_view bytes, const std::string& name) {
    static constexpr char magic[] = "\x93NUMPY";
    if (bytes.empty()) throw InputError(name, "", "empty file (expected a NumPy .npy array)");
    if (bytes.size() < 10 || bytes.substr(0, 6) != std::string_view(magic, 6))
        throw InputError(name, "", "not a NumPy .npy file (magic bytes \\x93NUMPY missing)");
    const int major = static_cast<unsigned char>(bytes[6]);
    std::size_t headerLength, headerStart;
    if (major == 1) {
        headerLength = std::size_t(static_cast<unsigned char>(bytes[8])) |
                       std::size_t(static_cast<unsigned char>(bytes[9])) << 8;
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) throw InputError(name, "npy header", "truncated header");
        headerLength = 0;
        for (int k = 3; k >= 0; --k) headerLength = headerLength << 8 | static_cast<unsigned char>(bytes[8 + k]);
        headerStart = 12;
    } else {
        throw InputError(name, "npy header", "unsupported .npy format version " + std::to_string(major));
    }
    if (headerLength > bytes.size() - headerStart)
        throw InputError(name, "npy header", "truncated header (declares " + std::to_string(headerLength) + " bytes)");
    const NpyHeader h = parseHeaderDict(bytes.substr(headerStart, headerLength), name);

    NpyArray a;
    int textWidth = 0;
    a.type = typeOf(h.descr, textWidth, name);
    a.shape = h.shape;
    const std::size_t item = std::size_t(itemSize(a.type)) * std::size_t(a.type == NpyType::Text ? textWidth : 1);
    const std::size_t available = bytes.size() - headerStart - headerLength;
    unsigned long long count = 1;
    for (auto d : a.shape) {
        if (d != 0 && count > (1ULL << 50) / std::uint64_t(d))
            throw InputError(name, "npy header", "shape is too large");
        count *= std::uint64_t(d);
    }
    if (count > available / item) {
        std::string shape;
        for (auto d : a.shape) {
            if (!shape.empty()) shape += ", ";
            shape += std::to_string(d);
        }
        throw InputError(name, "npy data",
                         "truncated: shape (" + shape + ") of " + h.descr + " needs " + std::to_string(count * item) +
                             " bytes but the file holds " + std::to_string(available));
    }
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data() + headerStart + headerLength);
    std::vector<unsigned char> raw(data, data + count * item);
    if (h.fortranOrder && a.shape.size() > 1) raw = fortranToC(raw, a.shape, item);

    if (a.type == NpyType::Text) {
        a.text.resize(std::size_t(count));
        for (std::size_t i = 0; i < count; ++i)
            for (int k = 0; k < textWidth; ++k) {
                std::uint32_t cp;
                std::memcpy(&cp, &raw[i * item + std::size_t(k) * 4], 4);
                if (cp == 0) break;
                appendUtf8(a.text[i], cp > 0x10FFFF ? 0xFFFD : cp);
            }
    } else {
        a.bytes = std::move(raw);
    }
    return a;
}

NpyArray readNpy(const std::string& path) { return parseNpy(readFileBytes(path), path); }

} // namespace le
