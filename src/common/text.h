// Small text helpers shared across stages.
#pragma once

#include <string>
#include <string_view>

namespace dbarch {

// The text on one line: every run of white space (newlines included) becomes one space; none at the ends.
std::string CollapseWhitespace(std::string_view text);

// Text safe inside HTML elements and attribute values (& < > " ').
std::string HtmlEscape(std::string_view text);

}  // namespace dbarch
