# ehi_set_warnings(<target>): high warning level for the project's own code.
# Generated code (protos) and third-party headers are included as SYSTEM and
# so stay quiet.
function(ehi_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Wunused -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    -Wno-missing-field-initializers)
endfunction()
