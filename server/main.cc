// ehi-connector: see server/server_main.h.
#include "server/server_main.h"

int main(int argc, char** argv) { return ehi::server::ServerMain(argc, argv); }
