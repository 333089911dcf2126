// The entity-relationship view of a catalog: entities (tables) and relationships (foreign keys) with
// cardinalities derived from the constraints: a FK whose columns are also unique is 1:1, otherwise 1:N;
// NOT NULL FK columns make the parent mandatory, nullable ones optional. Junction tables (a composite
// PK made of two FKs) are marked so renderers can show the M:N they implement.
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"

namespace dbarch::analyzers {

struct ErAttribute {
  std::string name;
  std::string type;  // TypeName::ToSql()
  bool primary_key = false;
  bool foreign_key = false;
  bool unique = false;
  bool nullable = true;
};

struct ErEntity {
  model::QualifiedName table;
  std::vector<ErAttribute> attributes;
  bool junction = false;  // implements a many-to-many between two other entities
};

enum class ParentSide { kExactlyOne, kZeroOrOne };          // how many parents a child row has
enum class ChildSide { kZeroOrMany, kZeroOrOne, kOneOrMany };  // how many child rows a parent has

struct ErRelationship {
  model::QualifiedName parent;  // referenced table
  model::QualifiedName child;   // referencing table
  std::string constraint_name;
  std::vector<std::string> child_columns;
  std::vector<std::string> parent_columns;
  ParentSide parent_side = ParentSide::kExactlyOne;
  ChildSide child_side = ChildSide::kZeroOrMany;
  std::string Cardinality() const;  // "1:1", "1:N", "0..1:N", …
};

struct ErModel {
  std::vector<ErEntity> entities;
  std::vector<ErRelationship> relationships;
};

ErModel BuildErModel(const model::Catalog& catalog);

}  // namespace dbarch::analyzers
