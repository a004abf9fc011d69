// GrpcUpdateSink on a real stream: an in-process server on port 0 whose
// Update hands its ServerWriter to a GrpcUpdateSink and runs a test body
// against it, and a real client channel reading the responses.
#include "server/grpc_update_sink.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "connector_sdk.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace ehi::server {
namespace {
namespace v2 = fivetran_sdk::v2;

std::vector<sync::Record> Records(int n) {
  std::vector<sync::Record> records(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    sync::Record& r = records[static_cast<size_t>(i)];
    r.schema = "dbo";
    r.table = "Patient";
    Value id;
    id.type = DataType::kLong;
    id.is_null = false;
    id.integer = i;
    r.data.emplace_back("id", id);
  }
  return records;
}

// Update runs `body` on a GrpcUpdateSink over the call's writer; the status
// the body ends with is kept for the test to inspect.
class SinkService final : public v2::SourceConnector::Service {
 public:
  using Body = std::function<absl::Status(GrpcUpdateSink&)>;

  grpc::Status Update(grpc::ServerContext* context, const v2::UpdateRequest* request,
                      grpc::ServerWriter<v2::UpdateResponse>* writer) override {
    const bool batch_records = request->configuration().count("batch_records") == 0 ||
                               request->configuration().at("batch_records") == "true";
    GrpcUpdateSink sink(context, writer, stopping, batch_records);
    absl::Status s = body(sink);
    {
      absl::MutexLock lock(&mu_);
      result_ = s;
      sink_cancelled_ = sink.Cancelled();
    }
    done_.Notify();
    return s.ok() ? grpc::Status::OK : grpc::Status(grpc::StatusCode::CANCELLED, "ended");
  }

  // Waits for the body to end; false after `timeout`.
  bool WaitDone(absl::Duration timeout) { return done_.WaitForNotificationWithTimeout(timeout); }
  absl::Status result() {
    absl::MutexLock lock(&mu_);
    return result_;
  }
  bool sink_cancelled() {
    absl::MutexLock lock(&mu_);
    return sink_cancelled_;
  }

  Body body;
  std::atomic<bool> stopping{false};

 private:
  absl::Notification done_;
  absl::Mutex mu_;
  absl::Status result_ ABSL_GUARDED_BY(mu_);
  bool sink_cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

class GrpcUpdateSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port, 0);
    stub_ = v2::SourceConnector::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                             grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  }

  // Runs one Update to its end and returns every response.
  std::vector<v2::UpdateResponse> ReadAll(bool batch_records) {
    v2::UpdateRequest request;
    (*request.mutable_configuration())["batch_records"] = batch_records ? "true" : "false";
    grpc::ClientContext context;
    auto reader = stub_->Update(&context, request);
    std::vector<v2::UpdateResponse> out;
    v2::UpdateResponse response;
    while (reader->Read(&response)) out.push_back(response);
    EXPECT_TRUE(reader->Finish().ok());
    return out;
  }

  SinkService service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v2::SourceConnector::Stub> stub_;
};

TEST_F(GrpcUpdateSinkTest, BatchedRecordsAreOneResponsePerSendOfAtMost100) {
  service_.body = [](GrpcUpdateSink& sink) -> absl::Status {
    const std::vector<sync::Record> records = Records(250);
    absl::Span<const sync::Record> all(records);
    for (size_t start = 0; start < all.size(); start += sync::kMaxRecordsPerSend) {
      absl::Status s = sink.SendRecords(all.subspan(start, sync::kMaxRecordsPerSend));
      if (!s.ok()) return s;
    }
    return sink.SendCheckpoint("{}");
  };
  std::vector<v2::UpdateResponse> responses = ReadAll(/*batch_records=*/true);
  ASSERT_EQ(responses.size(), 4u);  // 100 + 100 + 50 records, then the checkpoint
  int total = 0;
  int64_t next_id = 0;
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(responses[i].has_records()) << i;
    EXPECT_LE(responses[i].records().records_size(), 100);
    for (const v2::Record& r : responses[i].records().records()) {
      EXPECT_EQ(r.table_name(), "Patient");
      EXPECT_EQ(r.data().at("id").long_(), next_id++);
    }
    total += responses[i].records().records_size();
  }
  EXPECT_EQ(total, 250);
  EXPECT_EQ(responses[2].records().records_size(), 50);
  EXPECT_TRUE(responses[3].has_checkpoint());
  EXPECT_TRUE(service_.WaitDone(absl::Seconds(5)));
  EXPECT_TRUE(service_.result().ok()) << service_.result();
}

TEST_F(GrpcUpdateSinkTest, UnbatchedSendsOneRecordPerResponse) {
  service_.body = [](GrpcUpdateSink& sink) {
    const std::vector<sync::Record> records = Records(100);
    return sink.SendRecords(records);
  };
  std::vector<v2::UpdateResponse> responses = ReadAll(/*batch_records=*/false);
  ASSERT_EQ(responses.size(), 100u);
  for (size_t i = 0; i < responses.size(); ++i) {
    ASSERT_TRUE(responses[i].has_record()) << i;
    EXPECT_FALSE(responses[i].has_records());
    EXPECT_EQ(responses[i].record().data().at("id").long_(), static_cast<int64_t>(i));
  }
}

TEST_F(GrpcUpdateSinkTest, ClientCancellingMidStreamMakesSendReturnCancelled) {
  // Streams until a Send fails, for at most 20 s (a hang fails the test).
  service_.body = [](GrpcUpdateSink& sink) -> absl::Status {
    const std::vector<sync::Record> records = Records(100);
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    while (absl::Now() < deadline) {
      absl::Status s = sink.SendRecords(records);
      if (!s.ok()) return s;
    }
    return absl::DeadlineExceededError("Send never failed after the client cancelled");
  };
  v2::UpdateRequest request;
  grpc::ClientContext context;
  auto reader = stub_->Update(&context, request);
  v2::UpdateResponse response;
  ASSERT_TRUE(reader->Read(&response));
  EXPECT_EQ(response.records().records_size(), 100);
  context.TryCancel();
  while (reader->Read(&response)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);

  ASSERT_TRUE(service_.WaitDone(absl::Seconds(30)));
  EXPECT_EQ(service_.result().code(), absl::StatusCode::kCancelled) << service_.result();
  EXPECT_TRUE(service_.sink_cancelled());
}

TEST_F(GrpcUpdateSinkTest, StoppingFlagTurnsCancelledTrue) {
  // The body reports Cancelled() before the flag and then waits (bounded)
  // for the process-wide flag, set by the test thread, to show through.
  std::atomic<bool> cancelled_before{true};
  service_.body = [&cancelled_before](GrpcUpdateSink& sink) -> absl::Status {
    cancelled_before = sink.Cancelled();
    absl::Status s = sink.SendCheckpoint("{}");
    if (!s.ok()) return s;
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (!sink.Cancelled() && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
    if (!sink.Cancelled()) return absl::DeadlineExceededError("stopping was not seen");
    return absl::CancelledError("stopping");
  };
  v2::UpdateRequest request;
  grpc::ClientContext context;
  auto reader = stub_->Update(&context, request);
  v2::UpdateResponse response;
  ASSERT_TRUE(reader->Read(&response));
  EXPECT_TRUE(response.has_checkpoint());
  service_.stopping = true;
  while (reader->Read(&response)) {
  }
  (void)reader->Finish();
  ASSERT_TRUE(service_.WaitDone(absl::Seconds(15)));
  EXPECT_FALSE(cancelled_before.load());
  EXPECT_EQ(service_.result().code(), absl::StatusCode::kCancelled) << service_.result();
  EXPECT_TRUE(service_.sink_cancelled());
}

}  // namespace
}  // namespace ehi::server
