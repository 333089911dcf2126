// Small text helpers shared across stages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dbarch {

// The text on one line: every run of white space (newlines included) becomes one space; none at the ends.
std::string CollapseWhitespace(std::string_view text);

// At most `keep_bytes` bytes of `text` followed by "…" when it is longer, cut before a UTF-8 continuation
// byte so no character is split; `text` itself when it fits.
std::string Ellipsize(std::string text, std::size_t keep_bytes);

// Every line of `text` with `prefix` before it, each ending in '\n'. An empty text, or a final newline, gives a
// last line that is the prefix alone.
std::string IndentLines(std::string_view text, std::string_view prefix);

// Text safe inside HTML elements and attribute values (& < > " ').
std::string HtmlEscape(std::string_view text);

// Whether `text` contains `lower_word` (lower-case ASCII) ignoring ASCII case. Candidates are found with
// memchr on the word's first letter in either case: it runs over whole files and statements, where a
// tolower() call per character was a visible share of the time.
bool ContainsIgnoringAsciiCase(std::string_view text, std::string_view lower_word);

}  // namespace dbarch
