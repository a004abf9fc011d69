// Every RPC that carries a configuration honours its `debug` key, observed
// through a real in-process server and client channel. The configuration
// points at a closed port, so each RPC fails fast after its prologue.
#include <memory>
#include <string>

#include "common/logger.h"
#include "connector_sdk.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "server/source_connector_service.h"

namespace ehi::server {
namespace {
namespace v2 = fivetran_sdk::v2;

class HandlersTest : public ::testing::Test {
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
    server_->Shutdown();
    SetDebugLogging(false);
  }

  template <typename Request>
  static void Configure(Request& request, bool debug) {
    auto& m = *request.mutable_configuration();
    m["mssql_server"] = "127.0.0.1";
    m["mssql_port"] = "1";  // closed: the RPC fails right after its prologue
    m["mssql_database"] = "Caboodle";
    m["mssql_user"] = "reader";
    m["mssql_password"] = "pw";
    m["login_timeout_seconds"] = "2";
    m["max_retries"] = "0";
    m["retry_sleep_seconds"] = "0";
    m["debug"] = debug ? "true" : "false";
  }

  SourceConnectorService service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v2::SourceConnector::Stub> stub_;
};

TEST_F(HandlersTest, UpdateHonoursDebug) {
  for (bool debug : {true, false}) {
    SetDebugLogging(!debug);
    v2::UpdateRequest request;
    Configure(request, debug);
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<v2::UpdateResponse>> reader =
        stub_->Update(&context, request);
    v2::UpdateResponse response;
    while (reader->Read(&response)) {
    }
    (void)reader->Finish();  // the sync fails: nothing listens on port 1
    EXPECT_EQ(DebugLoggingEnabled(), debug);
  }
}

TEST_F(HandlersTest, TestAndSchemaHonourDebug) {
  for (bool debug : {true, false}) {
    SetDebugLogging(!debug);
    {
      v2::TestRequest request;
      request.set_name("connect");
      Configure(request, debug);
      grpc::ClientContext context;
      v2::TestResponse response;
      (void)stub_->Test(&context, request, &response);
      EXPECT_EQ(DebugLoggingEnabled(), debug) << "Test";
    }
    SetDebugLogging(!debug);
    {
      v2::SchemaRequest request;
      Configure(request, debug);
      grpc::ClientContext context;
      v2::SchemaResponse response;
      (void)stub_->Schema(&context, request, &response);
      EXPECT_EQ(DebugLoggingEnabled(), debug) << "Schema";
    }
  }
}

}  // namespace
}  // namespace ehi::server
