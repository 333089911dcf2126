// Python: '…' "…" '''…''' """…""" with r/b/u/f prefixes (f-strings split at their {expressions}), # comments,
// backslash line continuations.
#include <algorithm>

#include "analyzers/security/code_scan/lexer.h"

namespace dbarch::analyzers::security::code_scan {
namespace {

bool IsStringPrefix(std::string_view word) {
  if (word.size() > 2) return false;
  return std::all_of(word.begin(), word.end(), [](char c) { return std::string_view("rRbBuUfF").find(c) != std::string_view::npos; });
}

// The expression of an f-string field `{expr!r:>10}` without its conversion and format spec.
std::string FieldExpression(std::string_view field) {
  int depth = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    char c = field[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c == '\'' || c == '"') {
      std::size_t close = field.find(c, i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (depth == 0 && ((c == '!' && i + 1 < field.size() && field[i + 1] != '=') || c == ':')) {
      field = field.substr(0, i);
      break;
    }
    if (depth == 0 && c == '=' && i + 1 == field.size()) field = field.substr(0, i);  // f"{x=}"
  }
  std::size_t b = field.find_first_not_of(" \t\n");
  std::size_t e = field.find_last_not_of(" \t\n");
  return b == std::string_view::npos ? std::string() : std::string(field.substr(b, e - b + 1));
}

}  // namespace

TokenStream LexPython(std::string_view s) {
  TokenStream out;
  std::size_t i = 0;
  auto push = [&out](TokenKind kind, std::size_t b, std::size_t e, std::string text) {
    PushToken(&out, kind, b, e, std::move(text));
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      push(TokenKind::kNewline, i, i + 1, "\n");
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f') { ++i; continue; }
    if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r')) { i += 2; continue; }
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    std::size_t start = i;
    std::string prefix;
    if (IsIdentifierStart(c)) {
      std::size_t j = i;
      while (j < s.size() && IsIdentifierChar(s[j])) ++j;
      std::string_view word = s.substr(i, j - i);
      if (j < s.size() && (s[j] == '\'' || s[j] == '"') && IsStringPrefix(word)) {
        prefix = std::string(word);
        i = j;
        c = s[i];
      } else {
        push(TokenKind::kIdentifier, i, j, std::string(word));
        i = j;
        continue;
      }
    }
    if (c == '\'' || c == '"') {
      const bool triple = s.substr(i, 3) == std::string(3, c);
      const std::string_view terminator = triple ? s.substr(i, 3) : s.substr(i, 1);
      const std::string quote(terminator);
      const bool raw = prefix.find_first_of("rR") != std::string::npos;
      const bool formatted = prefix.find_first_of("fF") != std::string::npos;
      i += quote.size();
      StringLiteral literal;
      literal.kind = formatted ? "f-string" : "";
      std::string text;
      auto flush = [&] {
        if (!text.empty()) literal.parts.push_back({false, std::move(text)});
        text.clear();
      };
      while (i < s.size()) {
        if (s.compare(i, quote.size(), quote) == 0) { i += quote.size(); break; }
        char d = s[i];
        if (!triple && d == '\n') break;  // unterminated: stop at the line's end
        if (d == '\\') {
          if (raw) {
            text += d;
            if (i + 1 < s.size()) text += s[i + 1];
            i += 2;
          } else {
            i += 1 + AppendEscape(s, i + 1, &text);
          }
          continue;
        }
        if (formatted && (d == '{' || d == '}')) {
          if (i + 1 < s.size() && s[i + 1] == d) {  // {{ or }}
            text += d;
            i += 2;
            continue;
          }
          if (d == '}') { ++i; continue; }
          std::size_t close = FindClosingBrace(s, i + 1);
          flush();
          literal.parts.push_back({true, FieldExpression(s.substr(i + 1, std::min(close, s.size()) - i - 1))});
          i = std::min(close + 1, s.size());
          continue;
        }
        text += d;
        ++i;
      }
      flush();
      PushString(&out, start, std::min(i, s.size()), std::move(literal));
      continue;
    }
    i = LexNumberOrPunct(s, i, &out);
  }
  return out;
}

}  // namespace dbarch::analyzers::security::code_scan
