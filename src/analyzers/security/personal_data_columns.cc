// Columns whose names say they hold personal data (GDPR/CCPA scope). Production copies for development,
// analytics and support should not carry them as they are: the fix is a masking view that keeps the shape
// (and joinability, through deterministic pseudonyms) and an anonymized copy built from it.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

namespace {

struct PersonalKind {
  std::string_view kind;
  std::vector<std::string_view> names;  // whole column names, or parts after splitting on '_'
};

const std::vector<PersonalKind>& Kinds() {
  static const std::vector<PersonalKind> kKinds = {
      {"email address", {"email", "e_mail", "email_address"}},
      {"phone number", {"phone", "phone_number", "mobile", "telephone", "msisdn"}},
      {"name", {"first_name", "last_name", "full_name", "surname", "given_name", "family_name", "middle_name"}},
      {"date of birth", {"birth_date", "date_of_birth", "dob", "birthday", "birthdate"}},
      {"postal address", {"address", "street", "street_address", "address_line1", "address_line2", "postcode",
                          "postal_code", "zip", "zip_code"}},
      {"government id", {"ssn", "social_security_number", "passport", "passport_number", "national_id", "tax_id",
                         "vat_number", "driver_license"}},
      {"bank or card number", {"iban", "card_number", "credit_card", "pan", "account_number", "bic"}},
      {"IP address", {"ip", "ip_address", "client_ip", "remote_addr", "last_ip"}},
      {"location", {"latitude", "longitude", "geo_location"}},
  };
  return kKinds;
}

std::string_view KindOf(const std::string& column) {
  const std::string name = Lower(column);
  for (const auto& kind : Kinds()) {
    for (auto n : kind.names) {
      if (name == n) return kind.kind;
    }
  }
  return {};
}

bool IsText(const model::TypeName& type) {
  const std::string t = Lower(type.ToSql());
  return t == "text" || t.starts_with("character") || t.starts_with("varchar") || t == "citext";
}

// A masked value of the same type: deterministic where a pseudonym keeps joins working.
std::string MaskExpression(const model::Column& column, std::string_view kind) {
  const std::string c = column.name;
  const std::string type = column.type.ToSql();
  const std::string t = Lower(type);
  if (kind == "date of birth" && (t == "date" || t.starts_with("timestamp"))) {
    return fmt::format("date_trunc('year', {0})::{1} AS {0}", c, type);
  }
  if (!IsText(column.type)) return fmt::format("NULL::{} AS {}", type, c);
  if (kind == "email address") return fmt::format("left(md5({0}), 12) || '@example.invalid' AS {0}", c);
  if (kind == "name") return fmt::format("'person-' || left(md5({0}), 8) AS {0}", c);
  if (kind == "phone number") return fmt::format("regexp_replace(left({0}, -2), '\\d', '*', 'g') || right({0}, 2) AS {0}", c);
  return fmt::format("CASE WHEN {0} IS NULL THEN NULL ELSE 'redacted' END AS {0}", c);
}

}  // namespace

void RunPersonalDataColumns(const model::Catalog& catalog, const SecuritySnapshot* live, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    if (table.partition_of) continue;
    std::vector<std::string> found, select;
    for (const auto& column : table.columns) {
      std::string_view kind = KindOf(column.name);
      std::string by_values;
      if (kind.empty() && live != nullptr) {
        auto samples = live->column_samples.find(name.schema + "." + name.name + "." + column.name);
        size_t matched = 0;
        if (samples != live->column_samples.end()) kind = ClassifySampledValues(samples->second, &matched);
        if (!kind.empty()) {
          by_values = fmt::format(", by content: {} of {} sampled values", matched, samples->second.size());
        }
      }
      if (kind.empty()) {
        select.push_back(column.name);
        continue;
      }
      found.push_back(fmt::format("{} ({}{})", column.name, kind, by_values));
      select.push_back(MaskExpression(column, kind));
    }
    if (found.empty()) continue;
    Finding f = NewFinding("security/personal-data-column", table.location, name.ToString());
    f.message = fmt::format("{} holds personal data: {}", name.ToString(), fmt::join(found, ", "));
    f.explanation =
        "Copies of production for development, analytics or support should not carry these values. The masking "
        "view keeps every column and type (e-mails and names become deterministic pseudonyms, so joins and "
        "uniqueness survive); grant it instead of the table to non-production roles, and build anonymized copies "
        "from it. Consider the postgresql_anonymizer extension for policy-driven masking.";
    f.evidence = found;
    const std::string view = name.schema == "public" ? name.name + "_masked" : name.schema + "." + name.name + "_masked";
    f.fix_sql = fmt::format(
        "CREATE VIEW {0} AS\nSELECT {1}\nFROM {2};\nREVOKE ALL ON {2} FROM analyst;  -- your non-production roles\n"
        "GRANT SELECT ON {0} TO analyst;\n-- anonymized copy for development:\n"
        "--   CREATE TABLE anonymized.{3} AS SELECT * FROM {0};   then pg_dump --schema=anonymized",
        view, fmt::join(select, ",\n       "), name.ToSql(), name.name);
    out->push_back(std::move(f));
  }
}

}  // namespace dbarch::analyzers::security
