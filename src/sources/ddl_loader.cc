// DdlReplayer: dispatches each statement to the handler of its family (src/sources/ddl/).
#include "sources/ddl_loader.h"

#include <fmt/format.h>

#include <algorithm>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources {

namespace ddl {

namespace {

// libpg_query's name of a node kind, e.g. "CreateForeignServerStmt", for the unsupported-statement message.
std::string NodeKindName(const pg_query::Node& node) {
  const auto* field = pg_query::Node::descriptor()->FindFieldByNumber(node.node_case());
  return field ? field->message_type()->name() : "statement";
}

// Records in the hints what the table a CREATE TABLE named has (its parents, its foreign keys).
void NoteTable(ReplayContext& ctx, const pg_query::RangeVar& relation) {
  if (!ctx.hints) return;
  const model::QualifiedName in_current_schema = ctx.Resolve(relation);
  const model::QualifiedName resolved = ctx.ResolveRelation(relation);
  if (const model::Table* table = ctx.catalog->FindTable(in_current_schema)) ctx.hints->Note(*table);
  if (resolved == in_current_schema) return;  // the common case: one table, noted once
  if (const model::Table* table = ctx.catalog->FindTable(resolved)) ctx.hints->Note(*table);
}

}  // namespace

void ApplyNode(ReplayContext& ctx, const pg_query::Node& node) {
  using N = pg_query::Node;
  switch (node.node_case()) {
    // Schema changes.
    case N::kCreateStmt:
      CreateTable(ctx, node.create_stmt());
      NoteTable(ctx, node.create_stmt().relation());
      return;
    case N::kCreateTableAsStmt: CreateTableAs(ctx, node.create_table_as_stmt()); return;
    case N::kAlterTableStmt:
      AlterTable(ctx, node.alter_table_stmt());  // notes the foreign keys and parents it adds in the hints
      return;
    case N::kIndexStmt: CreateIndex(ctx, node.index_stmt()); return;
    case N::kViewStmt: CreateView(ctx, node.view_stmt()); return;
    case N::kCreateSchemaStmt: CreateSchema(ctx, node.create_schema_stmt()); return;
    case N::kCreateExtensionStmt: CreateExtension(ctx, node.create_extension_stmt()); return;
    case N::kCreateSeqStmt: CreateSequence(ctx, node.create_seq_stmt()); return;
    case N::kAlterSeqStmt: AlterSequence(ctx, node.alter_seq_stmt()); return;
    case N::kCreateEnumStmt: CreateEnum(ctx, node.create_enum_stmt()); return;
    case N::kAlterEnumStmt: AlterEnum(ctx, node.alter_enum_stmt()); return;
    case N::kCreateDomainStmt: CreateDomain(ctx, node.create_domain_stmt()); return;
    case N::kAlterDomainStmt: AlterDomain(ctx, node.alter_domain_stmt()); return;
    case N::kCreateFunctionStmt: CreateFunction(ctx, node.create_function_stmt()); return;
    case N::kAlterFunctionStmt: AlterFunction(ctx, node.alter_function_stmt()); return;
    case N::kCreateTrigStmt: CreateTrigger(ctx, node.create_trig_stmt()); return;
    case N::kCreatePolicyStmt: CreatePolicy(ctx, node.create_policy_stmt()); return;
    case N::kAlterPolicyStmt: AlterPolicy(ctx, node.alter_policy_stmt()); return;
    case N::kCreateRoleStmt: CreateRole(ctx, node.create_role_stmt()); return;
    case N::kAlterRoleStmt: AlterRole(ctx, node.alter_role_stmt()); return;
    case N::kDropRoleStmt: DropRoles(ctx, node.drop_role_stmt()); return;
    case N::kGrantRoleStmt: GrantRole(ctx, node.grant_role_stmt()); return;
    case N::kGrantStmt: Grant(ctx, node.grant_stmt()); return;
    case N::kCommentStmt: Comment(ctx, node.comment_stmt()); return;
    case N::kDropStmt: Drop(ctx, node.drop_stmt()); return;
    case N::kRenameStmt: Rename(ctx, node.rename_stmt()); return;
    case N::kAlterObjectSchemaStmt: AlterObjectSchema(ctx, node.alter_object_schema_stmt()); return;
    case N::kVariableSetStmt: SetVariable(ctx, node.variable_set_stmt()); return;

    case N::kSelectStmt:
      // pg_dump's `SELECT pg_catalog.set_config('search_path', '', false)`; other SELECTs read data.
      SelectSetsSearchPath(ctx, node.select_stmt());
      return;
    case N::kDoStmt:
      ctx.Info("do-block", "cannot see inside DO blocks; objects created there are not in the model");
      return;

    // Statements that cannot change the schema the model describes.
    case N::kInsertStmt:
    case N::kUpdateStmt:
    case N::kDeleteStmt:
    case N::kMergeStmt:
    case N::kTransactionStmt:
    case N::kVariableShowStmt:
    case N::kVacuumStmt:
    case N::kCopyStmt:
    case N::kRefreshMatViewStmt:
    case N::kExplainStmt:
    case N::kLockStmt:
    case N::kTruncateStmt:
    case N::kCheckPointStmt:
    case N::kDiscardStmt:
    case N::kNotifyStmt:
    case N::kListenStmt:
    case N::kUnlistenStmt:
    case N::kPrepareStmt:
    case N::kExecuteStmt:
    case N::kDeallocateStmt:
    case N::kCallStmt:
    case N::kClusterStmt:
    case N::kReindexStmt:
    case N::kAlterOwnerStmt:
    case N::kAlterDefaultPrivilegesStmt:
    case N::kAlterRoleSetStmt:
    case N::kAlterDatabaseSetStmt:
    case N::kAlterDatabaseStmt:
    case N::kCreatedbStmt:
    case N::kDropdbStmt:
    case N::kDropOwnedStmt:
    case N::kReassignOwnedStmt:
    case N::kAlterExtensionStmt:
    case N::kAlterExtensionContentsStmt:
    case N::kSecLabelStmt:
    case N::kAlterSystemStmt:
    case N::kConstraintsSetStmt:
    case N::kDeclareCursorStmt:
    case N::kClosePortalStmt:
    case N::kFetchStmt:
    case N::kLoadStmt:
      return;
    default:
      ctx.Warn("unsupported-statement",
               fmt::format("{} is not modelled; the schema model may miss its effect", NodeKindName(node)));
      return;
  }
}

}  // namespace ddl

DdlReplayer::DdlReplayer(model::Catalog* catalog)
    : catalog_(catalog), hints_(std::make_unique<ddl::RelationHints>()) {
  hints_->Seed(*catalog_);
}

DdlReplayer::~DdlReplayer() = default;

void DdlReplayer::Apply(const sql::Statement& statement, Diagnostics* diagnostics) {
  ddl::ReplayContext ctx{catalog_, &current_schema_, diagnostics, &statement, hints_.get(), view_definitions_};
  ddl::ApplyNode(ctx, statement.node);
}

void DdlReplayer::ApplyFile(const sql::ParsedFile& file, Diagnostics* diagnostics) {
  for (const auto& statement : file.statements) Apply(statement, diagnostics);
}

}  // namespace dbarch::sources
