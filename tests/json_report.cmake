# spancheck model --json: the report of the leak has the documented fields.
file(REMOVE ${OUT})
execute_process(COMMAND ${PROGRAM} model --variant used --scenario two-poppers --json ${OUT}
                RESULT_VARIABLE code OUTPUT_QUIET)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "exit code ${code}, expected 1")
endif()
file(READ ${OUT} json)
include(${CMAKE_CURRENT_LIST_DIR}/json_fields.cmake)
expect_json_fields("${json}" schema=spancheck-report/1 command=model verdict=violated violation.kind=leak
                   variant=used scenario=two-poppers search=bound:3 exhaustive=OFF)
string(JSON executions GET "${json}" executions)
string(JSON steps LENGTH "${json}" trace)
string(JSON replay GET "${json}" replay_command)
if(executions LESS 1 OR steps LESS 6 OR NOT replay MATCHES "--replay r[0-9a-f]+\\.[0-9.,x]+$")
  message(FATAL_ERROR "executions ${executions}, ${steps} trace steps, replay '${replay}'")
endif()
