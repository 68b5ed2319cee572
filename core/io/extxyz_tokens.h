#pragma once
// Where the whitespace-separated tokens of an atom line start, found 64 bytes at a time:
// one bit mask of token starts per block, then one bit operation per token. Each number
// can then be parsed from a known address instead of after the previous token has been
// scanned, so the CPU works on several numbers of a line at once.
#include <bit>
#include <cstddef>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/io/extxyz_decimal.h"
#include "core/io/text_scan.h"

namespace le::text {

// For the 64 bytes at `block`: bit i of `space` is set when block[i] is whitespace
// (isSpace), bit i of `newline` when it is '\n'.
inline void whitespaceMasks64(const char* block, std::uint64_t& space, std::uint64_t& newline) {
#if defined(__SSE2__)
    space = newline = 0;
    for (int k = 0; k < 4; ++k) {
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
        const __m128i blank = _mm_cmpeq_epi8(b, _mm_set1_epi8(' '));
        const __m128i fromTab = _mm_sub_epi8(b, _mm_set1_epi8('\t')); // \t \n \v \f \r → 0..4
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(fromTab, _mm_set1_epi8(4)), fromTab);
        space |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_or_si128(blank, control)))) << (16 * k);
        newline |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8('\n'))))) << (16 * k);
    }
#else
    space = newline = 0;
    for (int i = 0; i < 64; ++i) {
        space |= std::uint64_t(isSpace(block[i])) << i;
        newline |= std::uint64_t(block[i] == '\n') << i;
    }
#endif
}

class TokenStarts {
public:
    // The tokens of [begin, end), or with `untilNewline` of the line that starts at begin
    // (up to its '\n', or `end`). Reads may go up to readableEnd (>= end), never further.
    TokenStarts(const char* begin, const char* end, const char* readableEnd, bool untilNewline = false)
        : block_(begin), end_(end), readableEnd_(readableEnd), untilNewline_(untilNewline) {
        load();
    }

    // Start of the next token, or nullptr when there is none left.
    const char* next() {
        while (starts_ == 0) {
            if (end_ - block_ <= 64) return nullptr;
            block_ += 64;
            load();
        }
        const char* token = block_ + std::countr_zero(starts_);
        starts_ &= starts_ - 1;
        return token;
    }

    // With untilNewline, once next() has returned nullptr: the line's '\n' (or `end`).
    const char* end() const { return end_; }

private:
    void load() {
        std::ptrdiff_t valid = end_ - block_; // 0..n; bytes from `valid` on are past the end
        std::uint64_t space = 0, newline = 0;
        if (readableEnd_ - block_ >= 64) {
            whitespaceMasks64(block_, space, newline);
        } else {
            for (std::ptrdiff_t i = 0; i < valid && i < 64; ++i) {
                space |= std::uint64_t(isSpace(block_[i])) << i;
                newline |= std::uint64_t(block_[i] == '\n') << i;
            }
        }
        if (valid < 64) newline &= ~(~std::uint64_t(0) << valid);
        if (untilNewline_ && newline != 0) { // the line ends in this block
            valid = std::countr_zero(newline);
            end_ = block_ + valid;
        }
        if (valid < 64) space |= ~std::uint64_t(0) << valid;
        const std::uint64_t text = ~space;
        starts_ = text & ~((text << 1) | previousIsText_);
        previousIsText_ = text >> 63;
    }

    const char* block_;
    const char* end_;
    const char* readableEnd_;
    bool untilNewline_;
    std::uint64_t starts_ = 0;
    std::uint64_t previousIsText_ = 0;
};

// End of the token that starts at `token` (first whitespace byte, or `end`).
inline const char* tokenEnd(const char* token, const char* end) {
    while (token < end && !isSpace(*token)) ++token;
    return token;
}

// The number whose token starts at `token` (a token ends at whitespace or `end`): the
// fixed-point fast path when `fits` (the bytes it reads around the token exist: 17 before,
// 32 after) and it applies, else the general parser. False when it is not a number.
inline bool parseDoubleAt(const char* token, const char* end, bool fits, double& out) {
    const char* p = token;
#if defined(__SSE2__)
    const bool fast = fits && fixedDecimalSse2(p, out);
#else
    const bool fast = fits && fixedDecimalSwar(p, out);
#endif
    if (fast && p <= end && (p == end || isSpace(*p))) return true;
    return parseDouble(std::string_view(token, std::size_t(tokenEnd(token, end) - token)), out);
}

} // namespace le::text
