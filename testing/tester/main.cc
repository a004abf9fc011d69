// connector-tester: see cli.h and README.md.
#include "testing/tester/cli.h"

int main(int argc, char** argv) { return tester::RunMain(argc, argv); }
