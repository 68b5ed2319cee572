#include "core/io/npy.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "core/io/file_bytes.h"
#include "core/io/text_scan.h"
#include "core/util/error.h"

namespace le {

namespace {

int itemSize(NpyType t) {
    switch (t) {
    case NpyType::Float16: return 2;
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
    if (descr.front() == '[') { // a structured dtype: kept as written, "[('a', '<i4'), ...]"
        auto close = descr.find(']');
        if (close == std::string_view::npos) return fail("unreadable 'descr'");
        h.descr = std::string(descr.substr(0, close + 1));
    } else {
        if (descr.front() != '\'' && descr.front() != '"') return fail("unreadable 'descr'");
        auto close = descr.find(descr.front(), 1);
        if (close == std::string_view::npos) return fail("unreadable 'descr'");
        h.descr = std::string(descr.substr(1, close - 1));
    }

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
    if (!descr.empty() && descr.front() == '[')
        return reject("structured arrays (record dtypes) are not supported; save one plain array per field");
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
    if (code == "f2") return NpyType::Float16;
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
    return reject("unsupported dtype '" + descr + "'; supported: <f2 <f4 <f8 <i4 <i8 |b1 (and <U text)");
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

// The header of an .npy file and where its element data starts.
struct NpyLayout {
    NpyHeader header;
    std::size_t dataStart = 0;
};

NpyLayout readLayout(std::string_view bytes, const std::string& name) {
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
    return {parseHeaderDict(bytes.substr(headerStart, headerLength), name), headerStart + headerLength};
}

// Element count of `shape`, refusing counts whose bytes could overflow.
unsigned long long elementCount(const std::vector<long long>& shape, const std::string& name) {
    unsigned long long count = 1;
    for (auto d : shape) {
        if (d != 0 && count > (1ULL << 50) / std::uint64_t(d))
            throw InputError(name, "npy header", "shape is too large");
        count *= std::uint64_t(d);
    }
    return count;
}

void requireData(unsigned long long count, std::size_t item, std::size_t available, const NpyHeader& h,
                 const std::string& name) {
    if (count > available / item)
        throw InputError(name, "npy data",
                         "truncated: shape " + shapeText(h.shape) + " of " + h.descr + " needs " +
                             std::to_string(count * item) + " bytes but the file holds " + std::to_string(available));
}

// Field names of a structured descr whose fields are all '<i4' (or '=i4' / '|i4').
std::vector<std::string> int32FieldNames(const std::string& descr, const std::string& name) {
    auto fail = [&](const std::string& why) -> std::vector<std::string> {
        throw InputError(name, "npy header", why + " (dtype " + descr.substr(0, 200) + ")");
    };
    if (descr.empty() || descr.front() != '[') return fail("expected a structured array of int32 fields");
    std::vector<std::string> names;
    std::string_view rest(descr);
    for (auto open = rest.find('('); open != std::string_view::npos; open = rest.find('(')) {
        rest.remove_prefix(open + 1);
        const auto close = rest.find(')');
        if (close == std::string_view::npos) return fail("unreadable structured dtype");
        std::string_view field = rest.substr(0, close);
        std::vector<std::string> quoted; // the quoted strings of ('name', '<i4')
        for (std::size_t at = 0; at < field.size();) {
            const char q = field[at];
            if (q != '\'' && q != '"') { ++at; continue; }
            const auto end = field.find(q, at + 1);
            if (end == std::string_view::npos) return fail("unreadable structured dtype");
            quoted.emplace_back(field.substr(at + 1, end - at - 1));
            at = end + 1;
        }
        if (quoted.size() != 2) return fail("unreadable structured dtype");
        const std::string& type = quoted[1];
        if (type != "<i4" && type != "=i4" && type != "|i4")
            return fail("field '" + quoted[0] + "' is " + type + "; metatensor labels are little-endian int32 ('<i4')");
        names.push_back(quoted[0]);
        rest.remove_prefix(close + 1);
    }
    if (names.empty()) return fail("structured dtype without fields");
    return names;
}

} // namespace

float halfToFloat(std::uint16_t bits) {
    const bool negative = bits & 0x8000;
    const int exponent = (bits >> 10) & 0x1F;
    const std::uint32_t mantissa = bits & 0x3FF;
    float value;
    if (exponent == 0) { // zero or subnormal: mantissa × 2^-24, exact in float
        value = std::ldexp(float(mantissa), -24);
    } else if (exponent == 31) {
        value = mantissa ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
    } else { // normal: same mantissa, exponent re-biased from 15 to 127
        const std::uint32_t word = std::uint32_t(exponent + 112) << 23 | mantissa << 13;
        std::memcpy(&value, &word, 4);
    }
    return negative ? -value : value;
}

int NpyLabels::fieldIndex(const std::string& field) const {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == field) return int(i);
    return -1;
}

NpyLabels parseNpyLabels(std::string_view bytes, const std::string& name) {
    const NpyLayout layout = readLayout(bytes, name);
    const NpyHeader& h = layout.header;
    NpyLabels labels;
    labels.names = int32FieldNames(h.descr, name);
    if (h.shape.size() != 1)
        throw InputError(name, "npy header", "labels must be a 1-D array, got shape " + shapeText(h.shape));
    // A 1-D array is laid out the same in C and Fortran order.
    const unsigned long long entries = elementCount(h.shape, name);
    if (entries > (1ULL << 50) / labels.names.size()) throw InputError(name, "npy header", "shape is too large");
    const unsigned long long count = entries * labels.names.size();
    requireData(count, 4, bytes.size() - layout.dataStart, h, name);
    labels.values.resize(std::size_t(count));
    if (count) std::memcpy(labels.values.data(), bytes.data() + layout.dataStart, std::size_t(count) * 4);
    return labels;
}

NpyDescription describeNpy(std::string_view head, unsigned long long fileSize, const std::string& name) {
    const NpyLayout layout = readLayout(head, name);
    const NpyHeader& h = layout.header;
    NpyDescription d;
    int textWidth = 0;
    d.type = typeOf(h.descr, textWidth, name);
    d.fortranOrder = h.fortranOrder;
    d.shape = h.shape;
    d.dataOffset = layout.dataStart;
    d.itemSize = std::size_t(itemSize(d.type)) * std::size_t(d.type == NpyType::Text ? textWidth : 1);
    d.elementCount = elementCount(d.shape, name);
    requireData(d.elementCount, d.itemSize, std::size_t(fileSize - layout.dataStart), h, name);
    return d;
}

NpyArray parseNpy(std::string_view bytes, const std::string& name) {
    const NpyDescription d = describeNpy(bytes, bytes.size(), name);
    NpyArray a;
    a.type = d.type;
    a.shape = d.shape;
    const std::size_t item = d.itemSize, count = std::size_t(d.elementCount);
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data() + d.dataOffset);
    std::vector<unsigned char> raw(data, data + count * item);
    if (d.fortranOrder && a.shape.size() > 1) raw = fortranToC(raw, a.shape, item);

    if (a.type == NpyType::Text) {
        a.text.resize(std::size_t(count));
        for (std::size_t i = 0; i < count; ++i)
            for (std::size_t k = 0; k < item / 4; ++k) {
                std::uint32_t cp;
                std::memcpy(&cp, &raw[i * item + k * 4], 4);
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
