#include "testing/tester/orchestrator.h"

#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/logger.h"
#include "common/status_macros.h"
#include "connector_sdk.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "testing/tester/applier.h"
#include "testing/tester/catalog.h"
#include "testing/tester/config_file.h"
#include "testing/tester/database.h"
#include "testing/tester/progress.h"
#include "testing/tester/response_queue.h"
#include "testing/tester/selection_file.h"
#include "testing/tester/state_store.h"

namespace tester {

namespace v2 = ::fivetran_sdk::v2;

namespace {

constexpr absl::Duration kCallTimeout = absl::Minutes(5);

std::string GrpcError(const char* call, const grpc::Status& status) {
  return absl::StrCat(call, " failed: gRPC status ", status.error_code(), " ",
                      status.error_message());
}

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
}

class Sync {
 public:
  Sync(const Options& options, std::FILE* out)
      : options_(options), out_(out), progress_(out, ::isatty(::fileno(out)) != 0) {}

  // Returns the reason of a failure as the status message.
  absl::Status Run();
  bool update_started() const { return update_started_; }
  SyncCounts counts() const;
  void FinishProgress() { progress_.Finish(); }

 private:
  std::string Path(const char* file) const { return absl::StrCat(options_.data_dir, "/", file); }
  absl::Status Connect();
  absl::StatusOr<Configuration> LoadConfiguration(const v2::ConfigurationFormResponse& form);
  absl::Status RunTests(const v2::ConfigurationFormResponse& form, const Configuration& config);
  absl::StatusOr<std::optional<v2::Selection>> ChooseSelection(const v2::SchemaResponse& schema,
                                                               SelectionMarks& marks);
  absl::Status StreamUpdate(v2::UpdateRequest request, Applier& applier);

  const Options& options_;
  std::FILE* out_;
  ProgressDisplay progress_;
  std::unique_ptr<v2::SourceConnector::Stub> stub_;
  bool update_started_ = false;
  SyncCounts stream_counts_;  // checkpoints and warnings
  // Destroyed in reverse: the applier's appenders before the database.
  std::unique_ptr<Database> db_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Applier> applier_;
};

SyncCounts Sync::counts() const {
  SyncCounts c = applier_ ? applier_->counts() : SyncCounts{};
  c.checkpoints = stream_counts_.checkpoints;
  c.warnings = stream_counts_.warnings;
  return c;
}

absl::Status Sync::Connect() {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  const std::string target = absl::StrCat(options_.host, ":", options_.port);
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  const absl::Duration timeout = absl::Seconds(options_.connect_timeout_seconds);
  if (!channel->WaitForConnected(absl::ToChronoTime(absl::Now() + timeout))) {
    return absl::UnavailableError(absl::StrCat("cannot reach the connector at ", target, " within ",
                                               absl::FormatDuration(timeout), " (is it running?)"));
  }
  stub_ = v2::SourceConnector::NewStub(channel);
  return absl::OkStatus();
}

absl::StatusOr<Configuration> Sync::LoadConfiguration(const v2::ConfigurationFormResponse& form) {
  const std::string path = Path("configuration.json");
  EHI_ASSIGN_OR_RETURN(std::optional<Configuration> config, ReadConfigurationFile(path));
  if (!config.has_value()) {
    if (::isatty(STDIN_FILENO)) {
      EHI_ASSIGN_OR_RETURN(Configuration answers, PromptForConfiguration(form, stdin, out_));
      EHI_RETURN_IF_ERROR(WriteConfigurationFile(path, answers));
      absl::FPrintF(out_, "Saved %s\n", path);
      config = std::move(answers);
    } else {
      std::vector<std::string> required = MissingRequiredFields(form, {});
      return absl::FailedPreconditionError(
          absl::StrCat(path,
                       " does not exist and stdin is not a terminal to ask; write it "
                       "as a JSON object with at least: ",
                       required.empty() ? "(no required fields)" : absl::StrJoin(required, ", ")));
    }
  }
  std::vector<std::string> missing = MissingRequiredFields(form, *config);
  if (!missing.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " lacks required fields: ", absl::StrJoin(missing, ", ")));
  }
  return *config;
}

absl::Status Sync::RunTests(const v2::ConfigurationFormResponse& form,
                            const Configuration& config) {
  for (const v2::ConfigurationTest& test : form.tests()) {
    v2::TestRequest request;
    request.set_name(test.name());
    request.mutable_configuration()->insert(config.begin(), config.end());
    v2::TestResponse response;
    grpc::ClientContext context;
    SetDeadline(context);
    grpc::Status status = stub_->Test(&context, request, &response);
    const std::string label = test.label().empty() ? test.name() : test.label();
    if (!status.ok()) {
      absl::FPrintF(out_, "[%s]: FAILED: %s\n", label, status.error_message());
      return absl::FailedPreconditionError(
          absl::StrCat("test '", label, "': ", GrpcError("Test", status)));
    }
    if (response.response_case() == v2::TestResponse::kFailure) {
      absl::FPrintF(out_, "[%s]: FAILED: %s\n", label, response.failure());
      return absl::FailedPreconditionError(
          absl::StrCat("test '", label, "' failed: ", response.failure()));
    }
    absl::FPrintF(out_, "[%s]: PASSED\n", label);
  }
  std::fflush(out_);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v2::Selection>> Sync::ChooseSelection(const v2::SchemaResponse& schema,
                                                                   SelectionMarks& marks) {
  const std::string path = Path("schema_selection.txt");
  EHI_ASSIGN_OR_RETURN(std::optional<SelectionMarks> saved, ReadSelectionFile(path));
  if (saved.has_value()) marks = std::move(*saved);
  std::vector<std::string> notes;
  EHI_RETURN_IF_ERROR(WriteFileAtomically(path, RenderSelection(schema, marks, &notes)));
  if (options_.interactive) {
    absl::FPrintF(out_,
                  "Edit %s (change [x] to [ ] to exclude), then press Enter "
                  "to start the sync... ",
                  path);
    std::fflush(out_);
    int c;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n') {
    }
    EHI_ASSIGN_OR_RETURN(saved, ReadSelectionFile(path));
    if (saved.has_value()) marks = std::move(*saved);
    EHI_RETURN_IF_ERROR(WriteFileAtomically(path, RenderSelection(schema, marks, &notes)));
  }
  for (const std::string& note : notes) ehi::LogWarning(note);
  if (schema.selection_not_supported()) return std::optional<v2::Selection>();
  return std::optional<v2::Selection>(BuildSelection(schema, marks));
}

absl::Status Sync::StreamUpdate(v2::UpdateRequest request, Applier& applier) {
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<v2::UpdateResponse>> reader = stub_->Update(&context, request);
  update_started_ = true;

  // The reader thread receives while this thread applies. 1000 responses
  // hold up to 100,000 batched records.
  ResponseQueue queue(1000);
  grpc::Status stream_status;
  std::thread receiver([&] {
    v2::UpdateResponse response;
    while (reader->Read(&response)) {
      if (!queue.Push(std::move(response))) break;
      response.Clear();
    }
    queue.Close();
  });

  const std::string state_path = Path("state.json");
  absl::Status failure;
  while (failure.ok()) {
    std::optional<v2::UpdateResponse> next = queue.Pop();
    if (!next.has_value()) break;
    const v2::UpdateResponse& response = *next;
    switch (response.operation_case()) {
      case v2::UpdateResponse::kRecord:
        failure = applier.Apply(response.record());
        break;
      case v2::UpdateResponse::kRecords:
        for (const v2::Record& record : response.records().records()) {
          failure = applier.Apply(record);
          if (!failure.ok()) break;
        }
        break;
      case v2::UpdateResponse::kSchemaChange:
        failure = applier.ApplySchemaChange(response.schema_change());
        break;
      case v2::UpdateResponse::kCheckpoint:
        ++stream_counts_.checkpoints;
        // Data first, then the state that claims it.
        failure = applier.Commit();
        if (failure.ok()) {
          failure = WriteStateFile(state_path, response.checkpoint().state_json());
        }
        break;
      case v2::UpdateResponse::kWarning:
        ++stream_counts_.warnings;
        progress_.Interrupt();
        ehi::LogWarning(absl::StrCat("connector warning: ", response.warning().message()));
        break;
      case v2::UpdateResponse::kTask:
        failure = absl::AbortedError(absl::StrCat("Task: ", response.task().message()));
        break;
      default:
        failure = absl::InvalidArgumentError(
            "the connector sent an UpdateResponse with no operation set");
        break;
    }
  }
  if (!failure.ok()) {
    context.TryCancel();
    queue.Abandon();
  }
  receiver.join();
  grpc::Status status = reader->Finish();
  if (!failure.ok()) return failure;  // the stream status is our own cancel
  if (!status.ok()) return absl::UnavailableError(GrpcError("Update", status));
  return applier.Commit();
}

absl::Status Sync::Run() {
  struct stat st {};
  if (::stat(options_.data_dir.c_str(), &st) != 0) {
    if (::mkdir(options_.data_dir.c_str(), 0755) != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot create data folder ", options_.data_dir));
    }
  } else if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat(options_.data_dir, " is not a folder"));
  }
  EHI_RETURN_IF_ERROR(Connect());

  v2::ConfigurationFormResponse form;
  {
    grpc::ClientContext context;
    SetDeadline(context);
    grpc::Status status = stub_->ConfigurationForm(&context, v2::ConfigurationFormRequest(), &form);
    if (!status.ok()) {
      return absl::UnavailableError(GrpcError("ConfigurationForm", status));
    }
  }
  EHI_ASSIGN_OR_RETURN(Configuration config, LoadConfiguration(form));
  EHI_RETURN_IF_ERROR(RunTests(form, config));

  EHI_ASSIGN_OR_RETURN(std::optional<std::string> state, ReadStateFile(Path("state.json")));
  ehi::LogInfo(state.has_value() ? absl::StrCat("state.json: ", *state)
                                 : std::string("no state.json: starting from empty state"));

  v2::SchemaResponse schema;
  {
    v2::SchemaRequest request;
    request.mutable_configuration()->insert(config.begin(), config.end());
    grpc::ClientContext context;
    SetDeadline(context);
    grpc::Status status = stub_->Schema(&context, request, &schema);
    if (!status.ok()) return absl::UnavailableError(GrpcError("Schema", status));
  }

  SelectionMarks marks;
  std::optional<v2::Selection> selection;
  if (schema.has_with_schema() || schema.has_without_schema()) {
    EHI_ASSIGN_OR_RETURN(selection, ChooseSelection(schema, marks));
  }

  const std::string warehouse = Path("warehouse.db");
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(warehouse);
  if (!db.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat(db.status().message(), " (is another connector-tester or query using it?)"));
  }
  db_ = std::move(*db);
  catalog_ = std::make_unique<Catalog>(db_.get(), options_.destination_schema);
  for (const auto& [source_schema, table] : SelectedTables(schema, marks)) {
    EHI_RETURN_IF_ERROR(catalog_->Declare(source_schema, table));
  }
  applier_ = std::make_unique<Applier>(db_.get(), catalog_.get());
  applier_->set_row_observer(
      [this](const std::string& table, int64_t rows) { progress_.AddRows(table, rows); });

  v2::UpdateRequest request;
  request.mutable_configuration()->insert(config.begin(), config.end());
  if (selection.has_value()) *request.mutable_selection() = *selection;
  if (state.has_value()) request.set_state_json(*state);
  ehi::LogInfo(
      absl::StrCat("Update: ", catalog_->Tables().size(), " tables selected, writing ", warehouse));
  absl::Status status = StreamUpdate(std::move(request), *applier_);
  if (!status.ok()) {
    // Keep warehouse.db at the last checkpoint, matching state.json.
    db_->Execute("ROLLBACK").IgnoreError();
  }
  return status;
}

}  // namespace

int RunSync(const Options& options, std::FILE* out) {
  absl::Time start = absl::Now();
  Sync sync(options, out);
  absl::Status status = sync.Run();
  sync.FinishProgress();
  if (sync.update_started()) {
    std::fputs(FormatSyncProgress(sync.counts()).c_str(), out);
  }
  if (status.ok()) {
    absl::FPrintF(out, "Finished in %s\nSync SUCCEEDED\n",
                  absl::FormatDuration(absl::Trunc(absl::Now() - start, absl::Milliseconds(1))));
    std::fflush(out);
    return 0;
  }
  absl::FPrintF(out, "Sync FAILED: %s\n", status.message());
  std::fflush(out);
  return 1;
}

}  // namespace tester
