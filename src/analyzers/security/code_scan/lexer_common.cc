#include <array>
#include <cctype>

#include "analyzers/security/code_scan/lexer.h"

namespace dbarch::analyzers::security::code_scan {

bool IsIdentifierStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

bool IsIdentifierChar(char c) { return IsIdentifierStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

std::size_t PunctLength(std::string_view source, std::size_t pos) {
  // Longest first: the scan needs to tell `+=` from `+`, `==` from `=`, `->`/`::` (PHP, Ruby) from `-`/`:`.
  static constexpr std::array<std::string_view, 24> kOperators = {
      "===", "!==", "<<=", "**=", "...", "<=>", "+=", "-=", ".=", ":=", "==", "!=", "<=", ">=",
      "->",  "::",  "<<",  ">>",  "=>",  "&&", "||", "%=", "?.", "??"};
  for (std::string_view op : kOperators) {
    if (source.substr(pos, op.size()) == op) return op.size();
  }
  return 1;
}

std::size_t AppendEscape(std::string_view source, std::size_t pos, std::string* out) {
  if (pos >= source.size()) return 0;
  switch (source[pos]) {
    case 'n': *out += '\n'; return 1;
    case 't': *out += '\t'; return 1;
    case 'r': *out += '\r'; return 1;
    case '0': *out += ' '; return 1;
    case '\n': return 1;  // line continuation inside a string
    default: *out += source[pos]; return 1;  // \\ \" \' \` \$ and anything else: the character itself
  }
}

std::size_t FindClosingBrace(std::string_view source, std::size_t pos) {
  int depth = 1;
  while (pos < source.size()) {
    char c = source[pos];
    if (c == '\'' || c == '"' || c == '`') {
      ++pos;
      while (pos < source.size() && source[pos] != c && source[pos] != '\n') pos += source[pos] == '\\' ? 2 : 1;
      ++pos;
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}' && --depth == 0) return pos;
    ++pos;
  }
  return source.size();
}

void PushToken(TokenStream* out, TokenKind kind, std::size_t begin, std::size_t end, std::string text) {
  out->tokens.push_back(Token{kind, begin, end, std::move(text), -1});
}

void PushString(TokenStream* out, std::size_t begin, std::size_t end, StringLiteral literal) {
  out->strings.push_back(std::move(literal));
  out->tokens.push_back(Token{TokenKind::kString, begin, end, "", static_cast<int>(out->strings.size() - 1)});
}

std::size_t LexNumberOrPunct(std::string_view s, std::size_t pos, TokenStream* out) {
  std::size_t end = pos;
  TokenKind kind = TokenKind::kPunct;
  if (std::isdigit(static_cast<unsigned char>(s[pos]))) {
    kind = TokenKind::kNumber;
    while (end < s.size() && (IsIdentifierChar(s[end]) || s[end] == '.')) ++end;
  } else {
    end = pos + PunctLength(s, pos);
  }
  out->tokens.push_back(Token{kind, pos, end, std::string(s.substr(pos, end - pos)), -1});
  return end;
}

TokenStream Lex(std::string_view source, Language language) {
  switch (language) {
    case Language::kPython: return LexPython(source);
    case Language::kRuby: return LexRuby(source);
    case Language::kPhp: return LexPhp(source);
    default: return LexCFamily(source, language);
  }
}

}  // namespace dbarch::analyzers::security::code_scan
