// ehi_testkit: the process-level plumbing every integration and end-to-end
// test of this repository shares — child processes, temporary directories,
// TLS files, tools on PATH, shell commands, polling, free ports, files. It
// depends on Abseil only (no GoogleTest, no project code), so the emulator,
// tester and end-to-end tests can all use it without depending on each
// other. Programs of our own get thin launchers next to their tests
// (testing/emulator/tests/emulator_process.h, testing/e2e/fixtures.h,
// testing/tester/testkit/tester_process.h).
//
//   #include "testing/testkit/testkit.h"
//   namespace tk = ehi::testkit;
//
//   tk::TempDir dir("my-test");                       // removed at scope exit
//   absl::StatusOr<tk::TlsFiles> tls = tk::MakeTlsFiles(dir.path(), "localhost");
//   tk::SubprocessOptions options;
//   options.stderr_path = dir.File("server.log");
//   absl::StatusOr<tk::Subprocess> server = tk::Subprocess::Start(
//       {kServerPath, "--port", "0", "--tls-cert", tls->server_cert}, options);
//   ASSERT_TRUE(server.ok()) << server.status();      // missing binary: fails
//   absl::StatusOr<std::string> line = server->WaitForLine("listening", absl::Seconds(10));
//   tk::CommandResult r = tk::RunCommand("tsql -H 127.0.0.1 ...", "SELECT 1\ngo\n");
//   absl::StatusOr<int> code = server->Stop(SIGTERM, absl::Seconds(5));
#ifndef EHI_TESTING_TESTKIT_TESTKIT_H_
#define EHI_TESTING_TESTKIT_TESTKIT_H_

#include "testing/testkit/files.h"       // IWYU pragma: export
#include "testing/testkit/ports.h"       // IWYU pragma: export
#include "testing/testkit/subprocess.h"  // IWYU pragma: export
#include "testing/testkit/temp_dir.h"    // IWYU pragma: export
#include "testing/testkit/tls_files.h"   // IWYU pragma: export
#include "testing/testkit/tools.h"       // IWYU pragma: export
#include "testing/testkit/wait_for.h"    // IWYU pragma: export

#endif  // EHI_TESTING_TESTKIT_TESTKIT_H_
