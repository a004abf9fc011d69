# Fivetran's build pipeline for C++ partner connectors calls these targets.
#   make build_dependencies   install what the build needs (Debian, as root)
#   make build_connector      Release build; build/Release/ehi-connector
# Everything else (tests, emulator, demo) goes through ./dev.
CXX_COMPILER ?= clang++-16
C_COMPILER ?= clang-16

.PHONY: build_dependencies build_connector clean

build_dependencies:
	scripts/deps.sh build

build_connector:
	cmake -S . -B build/Release -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_C_COMPILER=$(C_COMPILER) -DCMAKE_CXX_COMPILER=$(CXX_COMPILER) \
	  -DEHI_BUILD_TESTING=OFF
	cmake --build build/Release --target ehi-connector -j $$(nproc)

clean:
	rm -rf build
