#pragma once
// Allocation-free helpers for the text readers: split a buffer into lines, a line into
// whitespace-separated tokens, and parse numbers with std::from_chars (no locale, no copies).
#include <charconv>
#include <cstring>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace le::text {

inline bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Walks a buffer line by line; CRLF and LF both end a line. `lineNumber` is 1-based and
// refers to the line most recently returned.
class LineReader {
public:
    explicit LineReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

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
    long long lineNumber_ = 0;
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

// Whole-token parses: trailing garbage makes them fail ("1.5x" is not a number).
inline bool parseDouble(std::string_view t, double& out) {
    if (!t.empty() && t.front() == '+') t.remove_prefix(1);
    if (t.empty()) return false;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (ec == std::errc::result_out_of_range) return false;
    return ec == std::errc() && ptr == t.data() + t.size();
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
