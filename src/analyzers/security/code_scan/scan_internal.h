// The pieces of the code scan between the lexers and ScanSource: what a language's query calls and string
// operators are, the string value of an expression, the query calls in a token stream, and the
// parameterized rewrite.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/security/code_scan/lexer.h"

namespace dbarch::analyzers::security::code_scan {

// ---- language rules --------------------------------------------------------------------------------
enum class Placeholder { kPercentS, kQuestion, kDollar, kNamed, kQuestionNumbered };

struct LanguageRules {
  Language language;
  std::string name;               // "python", …
  std::string concat_operator;    // "+", or "." for PHP
  std::string append_operator;    // "+=", ".=" for PHP
  bool statement_ends_at_newline;  // Python, Ruby, Go, JavaScript (ASI); Java and PHP end statements with ;
};
const LanguageRules& RulesFor(Language language);

// How a query method takes its SQL: which argument, whether it is a fragment (a WHERE/ORDER BY clause)
// rather than a statement, and the placeholder style of its driver.
struct QueryMethod {
  std::string_view name;
  bool needs_receiver;          // `cursor.execute(` vs a free function `mysqli_query(`
  std::size_t sql_argument;     // index of the SQL argument
  std::string_view fragment;    // "", "where", "order", "select", "from", "raw": how to wrap it to parse it
  std::string_view receiver_hint;  // "" or a substring the receiver must contain (case-insensitive): "jdbc"
};
// nullptr when `name` is not a query call of the language.
const QueryMethod* FindQueryMethod(Language language, std::string_view name, std::string_view receiver);

// ---- string values ---------------------------------------------------------------------------------
struct Piece {
  enum class Kind { kLiteral, kValue, kConstant } kind;
  std::string text;          // the literal text, or the expression's source text
  std::string construction;  // for values: how it was spliced in ("concatenation", "f-string", …)
};

struct StringValue {
  std::vector<Piece> pieces;
  std::string via_variable;  // set when the SQL argument was a variable
};

// Evaluates token ranges of a token stream as string expressions.
class StringEvaluator {
 public:
  StringEvaluator(std::string_view source, const TokenStream& tokens, const LanguageRules& rules)
      : source_(source), stream_(tokens), rules_(rules) {}
  // The string value of tokens [begin, end), or nullopt when no string literal takes part in it (a plain
  // variable of unknown content, a number, a tagged template).
  std::optional<StringValue> Evaluate(std::size_t begin, std::size_t end, int depth = 0) const;
  // The source text of tokens [begin, end), whitespace collapsed.
  std::string Text(std::size_t begin, std::size_t end) const;
  // The end of the statement whose expression starts at `begin` (exclusive token index).
  std::size_t ExpressionEnd(std::size_t begin) const;
  // Top-level comma-separated ranges of tokens [begin, end).
  std::vector<std::pair<std::size_t, std::size_t>> SplitArguments(std::size_t begin, std::size_t end) const;
  // Index of the bracket closing the one at `open` (or the stream's size).
  std::size_t MatchingClose(std::size_t open) const;

 private:
  std::optional<StringValue> EvaluateOperand(std::size_t begin, std::size_t end, int depth) const;
  std::optional<StringValue> EvaluateVariable(std::size_t begin, std::size_t end, int depth) const;
  std::optional<StringValue> ApplyFormat(StringValue format, std::size_t args_begin, std::size_t args_end,
                                         const std::string& construction, bool single_argument, int depth) const;
  Piece ArgumentPiece(std::size_t begin, std::size_t end, const std::string& construction, int depth) const;
  std::optional<StringValue> LiteralsOf(std::size_t begin, std::size_t end) const;

  std::string_view source_;
  const TokenStream& stream_;
  const LanguageRules& rules_;
};

// Whether text is a constant by convention: ALL_CAPS (its last dotted/::-separated segment).
bool IsConstantName(std::string_view expression);
// Whether the SQL text (values as ?) reads as SQL: starts with a statement keyword or has FROM/WHERE/VALUES.
bool LooksLikeSql(std::string_view text);

// ---- query calls -----------------------------------------------------------------------------------
struct QueryCall {
  std::size_t first_token = 0;  // receiver start (or the function name)
  std::size_t name_token = 0;
  std::size_t end_token = 0;    // after the closing parenthesis (or the line's end)
  std::string receiver;         // "cursor", "$this->db", "" for free functions
  std::string separator;        // ".", "->", "::"
  std::string method;
  std::vector<std::pair<std::size_t, std::size_t>> arguments;  // token ranges
  const QueryMethod* rules = nullptr;
};
std::vector<QueryCall> FindQueryCalls(const TokenStream& tokens, const StringEvaluator& evaluator, Language language);

// ---- the parameterized rewrite ---------------------------------------------------------------------
struct ParameterizedSql {
  std::string host_sql;             // the SQL argument as host-language source: a literal, or a concatenation
                                    // of literals and identifiers that must stay spliced
  std::vector<std::string> values;  // the expressions now passed as parameters, in placeholder order
  std::vector<std::string> names;   // for named placeholders: the names, in order
  std::string parse_sql;            // the SQL with $n placeholders and stand-ins for kept splices
  std::vector<std::string> identifiers;  // expressions spliced where SQL takes an identifier
  std::vector<std::string> arrays;       // values that are lists passed as one array parameter (= ANY($n))
};
// `clause` is what precedes a fragment in its statement ("WHERE ", "ORDER BY "; "" for a whole statement),
// so that a splice at the start of a fragment is still seen in its place.
ParameterizedSql Parameterize(const std::vector<Piece>& pieces, Language language, Placeholder style,
                              std::string_view clause = "");

// The host-language literal for a text ("…" with the language's escapes), and a concatenation.
std::string HostLiteral(Language language, std::string_view text);
std::string HostConcat(Language language, const std::vector<Piece>& parts);

struct RenderedCall {
  std::string code;  // the parameterized call
  std::string note;  // what the rewrite cannot do by itself
};
// The placeholder style the call's driver uses (from the method and what the file imports).
Placeholder PlaceholderFor(Language language, const QueryCall& call, std::string_view source);
// `source` is the file's text, for what it imports (lib/pq needs pq.Array for lists).
RenderedCall RenderParameterizedCall(Language language, const QueryCall& call, const StringEvaluator& evaluator,
                                     const ParameterizedSql& sql, std::string_view source);

}  // namespace dbarch::analyzers::security::code_scan
