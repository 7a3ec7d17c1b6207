# Runs spancheck and checks its exit code (and, with KIND, that a violation of
# that kind is reported), for spancheck_add_variant_test.
execute_process(COMMAND ${PROGRAM} ${ARGS} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT code STREQUAL EXIT)
  message(FATAL_ERROR "spancheck exited ${code}, expected ${EXIT}")
endif()
if(KIND AND NOT "${out}" MATCHES "VIOLATED: ${KIND}")
  message(FATAL_ERROR "no cell reports a violation of kind ${KIND}")
endif()
