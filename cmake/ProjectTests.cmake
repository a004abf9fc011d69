# ehi_unit_test(<target> [gtest_discover_tests PROPERTIES...]): registers a
# GoogleTest executable's tests with label `unit` and makes the target part
# of `unit_tests`, the one target `./dev check` and the GCC tree build.
#
# ehi_finish_unit_tests(): called once at the end of the top-level
# CMakeLists.txt, declares `unit_tests` over every registered target.
function(ehi_unit_test target)
  gtest_discover_tests(${target} PROPERTIES LABELS unit ${ARGN})
  set_property(GLOBAL APPEND PROPERTY EHI_UNIT_TEST_TARGETS ${target})
endfunction()

function(ehi_finish_unit_tests)
  get_property(targets GLOBAL PROPERTY EHI_UNIT_TEST_TARGETS)
  add_custom_target(unit_tests)
  if(targets)
    add_dependencies(unit_tests ${targets})
  endif()
endfunction()
