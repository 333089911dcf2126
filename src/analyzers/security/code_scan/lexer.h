// The token stream the code scan works on: identifiers, string literals split into their literal text and
// the expressions interpolated into them, punctuation and line breaks. Comments are dropped. One lexer per
// language family; each is total (any bytes give a token stream, never an out-of-range read).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dbarch::analyzers::security::code_scan {

enum class Language { kPython, kJavaScript, kGo, kJava, kRuby, kPhp };

struct StringPart {
  bool expression = false;  // an interpolated expression (its source text), else literal text (unescaped)
  std::string text;
};

struct StringLiteral {
  std::vector<StringPart> parts;
  std::string kind;     // how its expressions are spliced: "f-string", "template literal", "string interpolation"
  bool tagged = false;  // a JS tagged template (sql`…`): the tag receives the values separately
};

enum class TokenKind { kIdentifier, kString, kNumber, kPunct, kNewline };

struct Token {
  TokenKind kind;
  std::size_t begin = 0, end = 0;  // byte span in the source
  std::string text;                // identifier or punctuation text ("$name" for PHP variables)
  int string_index = -1;           // into TokenStream::strings for kString
};

struct TokenStream {
  std::vector<Token> tokens;
  std::vector<StringLiteral> strings;
};

TokenStream LexPython(std::string_view source);
TokenStream LexCFamily(std::string_view source, Language language);  // JavaScript/TypeScript, Go, Java
TokenStream LexRuby(std::string_view source);
TokenStream LexPhp(std::string_view source);
TokenStream Lex(std::string_view source, Language language);

// Shared lexing pieces.
bool IsIdentifierStart(char c);
bool IsIdentifierChar(char c);
// The longest operator at `pos` from a fixed list (`+=`, `:=`, `->`, `::`, `<<`, `===`, …), or one character.
std::size_t PunctLength(std::string_view source, std::size_t pos);
// Appends a backslash escape's meaning (\n, \t, \\, \", \', \x…) to `out`; returns the bytes consumed after
// the backslash (at least 1 when any remain).
std::size_t AppendEscape(std::string_view source, std::size_t pos_after_backslash, std::string* out);
void PushToken(TokenStream* out, TokenKind kind, std::size_t begin, std::size_t end, std::string text);
void PushString(TokenStream* out, std::size_t begin, std::size_t end, StringLiteral literal);
// Appends the number (digits with letters and dots: 0x1F, 1.5e3) or else the operator starting at `pos`;
// returns the position after it.
std::size_t LexNumberOrPunct(std::string_view source, std::size_t pos, TokenStream* out);
// Text of the balanced `{…}` expression starting after `open` (the position after the `{`), skipping strings
// inside it; returns the position of the matching `}` (or source.size()).
std::size_t FindClosingBrace(std::string_view source, std::size_t after_open);

}  // namespace dbarch::analyzers::security::code_scan
