// PostgreSQL's rules for the names it invents: default index, constraint and sequence names
// (makeObjectName / ChooseRelationName / ChooseConstraintName in src/backend/commands/indexcmds.c).
#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
namespace {

constexpr std::size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1

// Cuts at a byte count without splitting a UTF-8 sequence (pg_mbcliplen).
std::size_t ClipUtf8(const std::string& s, std::size_t bytes) {
  if (bytes >= s.size()) return s.size();
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  return bytes;
}

// makeObjectName: shortens the longer of name1/name2 until "<name1>_<name2>_<label>" fits.
std::string MakeObjectName(const std::string& name1, const std::string& name2, const std::string& label) {
  std::size_t overhead = (label.empty() ? 0 : label.size() + 1) + (name2.empty() ? 0 : 1);
  std::size_t avail = kMaxIdentifierBytes > overhead ? kMaxIdentifierBytes - overhead : 0;
  std::size_t n1 = name1.size();
  std::size_t n2 = name2.size();
  while (n1 + n2 > avail) {
    if (n1 > n2) --n1;
    else --n2;
  }
  n1 = ClipUtf8(name1, n1);
  n2 = ClipUtf8(name2, n2);
  std::string out = name1.substr(0, n1);
  if (!name2.empty()) out += "_" + name2.substr(0, n2);
  if (!label.empty()) out += "_" + label;
  return out;
}

}  // namespace

bool RelationNameTaken(const model::Catalog& catalog, const model::QualifiedName& name) {
  return catalog.tables.count(name) || catalog.indexes.count(name) || catalog.views.count(name) ||
         catalog.sequences.count(name);
}

std::string ChooseRelationName(const model::Catalog& catalog, const std::string& schema, const std::string& name1,
                               const std::string& name2, const std::string& label) {
  std::string modlabel = label;
  for (int pass = 1;; ++pass) {
    std::string candidate = MakeObjectName(name1, name2, modlabel);
    if (!RelationNameTaken(catalog, {schema, candidate})) return candidate;
    modlabel = fmt::format("{}{}", label, pass);
  }
}

std::string ChooseConstraintName(const model::Table& table, const std::string& name2, const std::string& label) {
  std::string modlabel = label;
  for (int pass = 1;; ++pass) {
    std::string candidate = MakeObjectName(table.name.name, name2, modlabel);
    if (!table.FindConstraint(candidate)) return candidate;
    modlabel = fmt::format("{}{}", label, pass);
  }
}

}  // namespace dbarch::sources::ddl
