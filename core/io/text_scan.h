#pragma once
// Allocation-free helpers for the text readers: split a buffer into lines, a line into
// whitespace-separated tokens, and parse numbers with std::from_chars (no locale, no copies).
#include <charconv>
#include <cstring>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace le::text {

// Space, \t, \n, \v, \f, \r.
inline bool isSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Walks a buffer line by line; CRLF and LF both end a line. `lineNumber` is 1-based and
// refers to the line most recently returned.
class LineReader {
public:
    // `lineBefore` is the number of the line that precedes `text` (0 at the start of a file).
    explicit LineReader(std::string_view text, long long lineBefore = 0)
        : p_(text.data()), end_(text.data() + text.size()), lineNumber_(lineBefore) {}

    bool next(std::string_view& line) {
        if (p_ >= end_) return false;
        const char* start = p_;
        const void* nl = std::memchr(p_, '\n', std::size_t(end_ - p_));
        const char* stop = nl ? static_cast<const char*>(nl) : end_;
        p_ = nl ? stop + 1 : end_;
        if (stop > start && stop[-1] == '\r') --stop;
        line = std::string_view(start, std::size_t(stop - start));
        ++lineNumber_;
        return true;
    }
    bool atEnd() const { return p_ >= end_; }
    long long lineNumber() const { return lineNumber_; }
    std::size_t bytesLeft() const { return std::size_t(end_ - p_); }
    const char* position() const { return p_; }

private:
    const char* p_;
    const char* end_;
    long long lineNumber_;
};

// Next whitespace-separated token of `rest` (advanced past it); false when none is left.
inline bool nextToken(std::string_view& rest, std::string_view& token) {
    std::size_t i = 0;
    while (i < rest.size() && isSpace(rest[i])) ++i;
    if (i == rest.size()) {
        rest = {};
        return false;
    }
    std::size_t j = i;
    while (j < rest.size() && !isSpace(rest[j])) ++j;
    token = rest.substr(i, j - i);
    rest.remove_prefix(j);
    return true;
}

inline bool isBlank(std::string_view s) {
    for (char c : s)
        if (!isSpace(c)) return false;
    return true;
}

// Value of 8 ASCII digits at p (first digit most significant); false when one of the 8
// bytes is not a digit. SWAR: the bytes are combined pairwise in three multiplications.
inline bool eightDigits(const char* p, std::uint64_t& value) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    constexpr std::uint64_t high = 0xF0F0F0F0F0F0F0F0ULL, zeros = 0x3030303030303030ULL;
    if ((v & high) != zeros || ((v + 0x0606060606060606ULL) & high) != zeros) return false;
    v -= zeros;                               // byte i = digit i (little-endian: first digit lowest)
    v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFULL;      // 16-bit lanes: 2-digit values
    v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFULL;    // 32-bit lanes: 4-digit values
    value = (v * 10000 + (v >> 32)) & 0xFFFFFFFFULL;      // 8-digit value
    return true;
}

// Clinger's fast path for plain decimals with at most 19 significant digits and a small
// exponent: an exact integer times or divided by an exact power of ten is one correctly
// rounded operation, so the result equals strtod's. Advances `p` past the number and
// returns false when the text needs the general parser (long mantissas, big exponents,
// inf, nan, no digits).
inline bool fastDecimal(const char*& p, const char* end, double& out) {
    static constexpr double powersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const bool negative = p < end && *p == '-';
    if (p < end && (*p == '-' || *p == '+')) ++p;
    std::uint64_t mantissa = 0, chunk = 0;
    int significant = 0, exponent = 0;
    bool anyDigit = false;
    // Eight digits at a time while the mantissa stays below 10^19. `significant` may
    // over-count leading zeros here: an upper bound is all the exactness check needs.
    auto addChunks = [&](bool fraction) {
        while (end - p >= 8 && significant <= 11 && eightDigits(p, chunk)) {
            significant += 8;
            mantissa = mantissa * 100000000ULL + chunk;
            if (fraction) exponent -= 8;
            p += 8;
            anyDigit = true;
        }
    };
    addChunks(false);
    for (; p < end && unsigned(*p - '0') < 10; ++p, anyDigit = true) {
        mantissa = mantissa * 10 + unsigned(*p - '0');
        if (mantissa && ++significant > 19) return false;
    }
    if (p < end && *p == '.') {
        ++p;
        addChunks(true);
        for (; p < end && unsigned(*p - '0') < 10; ++p, anyDigit = true) {
            mantissa = mantissa * 10 + unsigned(*p - '0');
            --exponent;
            if (mantissa && ++significant > 19) return false;
        }
    }
    if (!anyDigit) return false;
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        const bool negativeExponent = p < end && *p == '-';
        if (p < end && (*p == '-' || *p == '+')) ++p;
        int e = 0, digits = 0;
        for (; p < end && unsigned(*p - '0') < 10 && digits < 6; ++p, ++digits) e = e * 10 + (*p - '0');
        if (digits == 0 || digits == 6) return false;
        exponent += negativeExponent ? -e : e;
    }
    if (mantissa > (std::uint64_t(1) << 53) || exponent < -22 || exponent > 22) return false;
    const double value = exponent < 0 ? double(mantissa) / powersOfTen[-exponent] : double(mantissa) * powersOfTen[exponent];
    out = negative ? -value : value;
    return true;
}

inline bool parseDoubleSlow(std::string_view t, double& out) {
    if (!t.empty() && t.front() == '+') t.remove_prefix(1);
    if (t.empty()) return false;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc() && ptr == t.data() + t.size();
}

// Whole-token parses: trailing garbage makes them fail ("1.5x" is not a number).
inline bool parseDouble(std::string_view t, double& out) {
    const char* p = t.data();
    const char* end = p + t.size();
    if (fastDecimal(p, end, out) && p == end) return true;
    return parseDoubleSlow(t, out);
}

enum class Scan { Ok, Missing, Bad };

// Next token of `rest` parsed as a double in one pass over its characters (the atom-line
// hot path). `token` is set for error messages.
inline Scan scanDouble(std::string_view& rest, std::string_view& token, double& out) {
    const char* p = rest.data();
    const char* end = p + rest.size();
    while (p < end && isSpace(*p)) ++p;
    if (p == end) {
        rest = {};
        return Scan::Missing;
    }
    const char* start = p;
    if (fastDecimal(p, end, out) && (p == end || isSpace(*p))) {
        token = std::string_view(start, std::size_t(p - start));
        rest = std::string_view(p, std::size_t(end - p));
        return Scan::Ok;
    }
    p = start;
    while (p < end && !isSpace(*p)) ++p;
    token = std::string_view(start, std::size_t(p - start));
    rest = std::string_view(p, std::size_t(end - p));
    return parseDoubleSlow(token, out) ? Scan::Ok : Scan::Bad;
}

inline bool parseInt(std::string_view t, long long& out) {
    if (!t.empty() && t.front() == '+') t.remove_prefix(1);
    if (t.empty()) return false;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc() && ptr == t.data() + t.size();
}

// ASE's logical spellings: T/F, True/False, true/false, TRUE/FALSE.
inline bool parseBool(std::string_view t, bool& out) {
    if (t == "T" || t == "True" || t == "true" || t == "TRUE") return out = true, true;
    if (t == "F" || t == "False" || t == "false" || t == "FALSE") return out = false, true;
    return false;
}

} // namespace le::text
