#pragma once
// The fixed-point decimals that writers emit for atom columns ("-12.34567890", ASE's
// %16.8f), parsed without a branch per digit. Both versions return false, p unchanged,
// for anything else (exponents, long mantissas, no digits...), which the caller hands to
// the general parser; on success p is just past the number, whose terminator the caller
// checks. The result is exactly strtod's, by Clinger's argument: the digits form an integer
// mantissa <= 2^53 (exact in a double) and the power of ten is exact, so the one division
// is correctly rounded.
#include <bit>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/io/text_scan.h"

namespace le::text {

// Portable version: each digit run is measured and converted 8 bytes at a time (at most
// 7 integer and 15 fraction digits). Reads the 32 bytes from p.
inline bool fixedDecimalSwar(const char*& p, double& out) {
    static constexpr std::uint64_t scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    const char* s = p;
    const bool negative = *s == '-';
    s += (*s == '-' || *s == '+');
    const std::uint64_t w1 = swar::load8(s);
    const int integerDigits = swar::leadingDigits(w1);
    if (integerDigits == 8) return false;
    std::uint64_t mantissa = swar::digitsValue(w1, integerDigits);
    s += integerDigits;
    int fractionDigits = 0;
    if (*s == '.') {
        ++s;
        const std::uint64_t w2 = swar::load8(s);
        const int n2 = swar::leadingDigits(w2);
        mantissa = mantissa * scale[n2] + swar::digitsValue(w2, n2);
        s += n2;
        fractionDigits = n2;
        if (n2 == 8) {
            const std::uint64_t w3 = swar::load8(s);
            const int n3 = swar::leadingDigits(w3);
            if (n3 == 8) return false;
            mantissa = mantissa * scale[n3] + swar::digitsValue(w3, n3);
            s += n3;
            fractionDigits += n3;
        }
    }
    const int digits = integerDigits + fractionDigits;
    if (digits == 0 || digits > 19 || mantissa > (std::uint64_t(1) << 53) || *s == 'e' || *s == 'E') return false;
    const double value = double(mantissa) / exactPowersOfTen[fractionDigits];
    // The sign as a bit, not a branch: signs of data columns are unpredictable.
    out = std::bit_cast<double>(std::bit_cast<std::uint64_t>(value) | (std::uint64_t(negative) << 63));
    p = s;
    return true;
}

#if defined(__SSE2__)
namespace sse2 {
// Sliding masks: 16 bytes loaded from laneRamp + 16 - k have lanes [0, k) set; from
// laneRamp + 32 - k, lanes [k, 16) set (k in 0..16).
alignas(16) inline constexpr unsigned char laneRamp[48] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
inline __m128i load16(const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
inline __m128i firstLanes(int k) { return load16(laneRamp + 16 - k); }
inline __m128i lastLanes(int k) { return load16(laneRamp + 32 - k); }
} // namespace sse2

// SSE2 version for tokens of at most 15 bytes. One 16-byte load at the token gives its
// length and the dot; two loads that end at the token's end (one shifted by a byte, used
// up to the dot) put the digits without the dot right-aligned in one register, which is
// converted in a few multiply-adds. Reads [p - 17, p + 16), which the caller guarantees
// are inside the buffer.
inline bool fixedDecimalSse2(const char*& p, double& out) {
    using namespace sse2;
    const char* t = p;
    const __m128i zero = _mm_set1_epi8('0');
    const __m128i v = load16(t);
    const __m128i fromZero = _mm_sub_epi8(v, zero);
    const auto digit = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(fromZero, _mm_set1_epi8(9)), fromZero)));
    const auto dot = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
    const bool negative = *t == '-';
    const auto sign = unsigned(negative || *t == '+');
    const int length = std::countr_zero(~(digit | dot | sign)); // bytes that may belong to the number: <= 16
    const unsigned dots = dot & ((1u << length) - 1);
    const int hasDot = dots != 0;
    const int digits = length - int(sign) - hasDot;
    if (length == 16 || (dots & (dots - 1)) != 0 || digits <= 0) return false;
    const int fractionDigits = hasDot ? length - 1 - std::countr_zero(dots) : 0;
    const char* end = t + length;
    // Lanes up to the dot's (15 - fractionDigits) from the load shifted by one byte.
    const __m128i shifted = firstLanes(hasDot ? 16 - fractionDigits : 0);
    const __m128i joined = _mm_or_si128(_mm_and_si128(shifted, load16(end - 17)), _mm_andnot_si128(shifted, load16(end - 16)));
    const __m128i values = _mm_and_si128(_mm_sub_epi8(joined, zero), lastLanes(16 - digits));
    // 16 digit bytes, first most significant → two 8-digit halves.
    const __m128i pairs = _mm_add_epi16(_mm_mullo_epi16(_mm_and_si128(values, _mm_set1_epi16(0xFF)), _mm_set1_epi16(10)),
                                        _mm_srli_epi16(values, 8));
    const __m128i quads = _mm_madd_epi16(pairs, _mm_set1_epi32(0x00010064)); // × 100, × 1
    const __m128i halves = _mm_add_epi64(_mm_mul_epu32(quads, _mm_set1_epi32(10000)), _mm_srli_epi64(quads, 32));
    const auto high = std::uint64_t(_mm_cvtsi128_si64(halves));
    const auto low = std::uint64_t(_mm_cvtsi128_si64(_mm_unpackhi_epi64(halves, halves)));
    const std::uint64_t mantissa = high * 100000000ULL + low; // <= 15 digits: below 2^53, exact
    const double value = double(mantissa) / exactPowersOfTen[fractionDigits];
    out = std::bit_cast<double>(std::bit_cast<std::uint64_t>(value) | (std::uint64_t(negative) << 63));
    p = end;
    return true;
}
#endif

} // namespace le::text
