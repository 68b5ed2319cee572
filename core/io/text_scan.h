#pragma once
// Allocation-free helpers for the text readers: split a buffer into lines, a line into
// whitespace-separated tokens, and parse numbers (a scalar fast path, else std::from_chars:
// no locale, no copies). The atom-line fast paths are in extxyz_tokens.h and
// extxyz_decimal.h.
#include <bit>
#include <charconv>
#include <cstring>
#include <cstdint>
#include <string_view>
#include <system_error>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    // Skips up to n lines, as n calls of next() would; returns how many were skipped
    // (fewer at the end of the text). Counts newlines 64 bytes at a time.
    long long skip(long long n) {
        long long skipped = 0;
#if defined(__SSE2__)
        const __m128i newline = _mm_set1_epi8('\n');
        // Strictly more than a block left: an unterminated last line is counted by next().
        for (; skipped < n && end_ - p_ > 64; p_ += 64) {
            __m128i is[4], ones = _mm_setzero_si128();
            for (int k = 0; k < 4; ++k) {
                is[k] = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + 16 * k)), newline);
                ones = _mm_sub_epi8(ones, is[k]); // +1 per newline, at most 4 per byte
            }
            const __m128i sums = _mm_sad_epu8(ones, _mm_setzero_si128()); // two 64-bit byte sums
            const long long count = _mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
            if (skipped + count < n) {
                skipped += count;
                continue;
            }
            std::uint64_t newlines = 0;
            for (int k = 0; k < 4; ++k) newlines |= std::uint64_t(unsigned(_mm_movemask_epi8(is[k]))) << (16 * k);
            for (long long k = n - skipped; k > 1; --k) newlines &= newlines - 1; // keep the one that ends line n
            p_ += std::countr_zero(newlines) + 1;
            skipped = n;
            break;
        }
        lineNumber_ += skipped;
#endif
        std::string_view line;
        while (skipped < n && next(line)) ++skipped;
        return skipped;
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

namespace swar {
// Eight bytes at a time, first byte in the lowest bits (little-endian, checked below).
static_assert(std::endian::native == std::endian::little, "the SWAR scanners assume a little-endian machine");
constexpr std::uint64_t ones = 0x0101010101010101ULL;
inline std::uint64_t load8(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
// Number of leading ASCII digits among the 8 bytes of w (0..8). Per byte, x = byte ^ '0'
// is a digit value iff x < 10: adding 0x76 to its low 7 bits sets bit 7 iff x >= 10,
// without a carry into the next byte; bit 7 of x itself catches bytes >= 0x80.
inline int leadingDigits(std::uint64_t w) {
    const std::uint64_t x = w ^ (ones * '0');
    const std::uint64_t notDigit = (((x & (ones * 0x7F)) + ones * 0x76) | x) & (ones * 0x80);
    return notDigit ? std::countr_zero(notDigit) >> 3 : 8;
}
// Value of the first n (0..8) bytes of w, which must be digits (first digit most
// significant): they are shifted to the top bytes (zeros below act as leading zeros) and
// combined pairwise in three multiplications.
inline std::uint64_t digitsValue(std::uint64_t w, int n) {
    if (n == 0) return 0;
    std::uint64_t v = (w ^ (ones * '0')) << (64 - 8 * n);
    v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFULL;   // 16-bit lanes: 2-digit values
    v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFULL; // 32-bit lanes: 4-digit values
    return (v * 10000 + (v >> 32)) & 0xFFFFFFFFULL;
}
} // namespace swar

// Value of 8 ASCII digits at p (first digit most significant); false when one of the 8
// bytes is not a digit.
inline bool eightDigits(const char* p, std::uint64_t& value) {
    const std::uint64_t w = swar::load8(p);
    if (swar::leadingDigits(w) != 8) return false;
    value = swar::digitsValue(w, 8);
    return true;
}

// Every power of ten that a double holds exactly.
inline constexpr double exactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                              1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                              1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Clinger's fast path for plain decimals with at most 19 significant digits and a small
// exponent: an exact integer times or divided by an exact power of ten is one correctly
// rounded operation, so the result equals strtod's. Advances `p` past the number and
// returns false when the text needs the general parser (long mantissas, big exponents,
// inf, nan, no digits).
inline bool fastDecimal(const char*& p, const char* end, double& out) {
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
    const double value = exponent < 0 ? double(mantissa) / exactPowersOfTen[-exponent] : double(mantissa) * exactPowersOfTen[exponent];
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
