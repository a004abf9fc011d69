# ehi_set_warnings(<target>): high warning level for the project's own code,
# errors with -DEHI_WERROR=ON (what ./dev uses). Generated code (protos) and
# third-party headers are included as SYSTEM and so stay quiet.
#
# ehi_check_warnings(): called once at the end of the top-level
# CMakeLists.txt; fails the configure step when a target of ours was
# declared without ehi_set_warnings, so no target can slip out of them.
option(EHI_WERROR "Treat warnings as errors in the project's own targets" OFF)

function(ehi_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Wunused -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    -Wno-missing-field-initializers)
  if(EHI_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  set_target_properties(${target} PROPERTIES EHI_WARNINGS ON)
endfunction()

# Targets exempt from the check: generated code only.
set(EHI_WARNINGS_EXEMPT ehi_protos)

function(ehi_check_warnings_in dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t ${targets})
    get_target_property(type ${t} TYPE)
    if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY|MODULE_LIBRARY)$")
      get_target_property(has_warnings ${t} EHI_WARNINGS)
      if(NOT has_warnings AND NOT t IN_LIST EHI_WARNINGS_EXEMPT)
        message(FATAL_ERROR "target ${t} (${dir}) has no ehi_set_warnings(${t})")
      endif()
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    ehi_check_warnings_in(${sub})
  endforeach()
endfunction()

function(ehi_check_warnings)
  ehi_check_warnings_in(${PROJECT_SOURCE_DIR})
endfunction()
