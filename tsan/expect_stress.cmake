# Runs one stress command and checks what it reports, in its JSON report:
#   cmake -DPROGRAM=<path> -DARGS=<;-list> -DJSON=<file> -DEXIT=<0|1|3> -DEXECUTOR=<stress|stress-tsan>
#         [-DKIND=<violation kind>] [-DOUTCOME=<violation kind> -DMATCH=<regex>] [-DRERUN=ON]
#         -P expect_stress.cmake
# EXIT 1 needs KIND: the first violation and an outcome row of that kind.
# OUTCOME: an outcome row of that kind (first or not), whose example message
# matches the regular expression MATCH (e.g. the field it names).
# EXIT 0 needs no forbidden outcome and at least one window hit. RERUN runs
# the printed re-run command and expects the same kind again.
file(REMOVE ${JSON})
execute_process(COMMAND ${PROGRAM} ${ARGS} --json ${JSON}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL EXIT)
  message(FATAL_ERROR "exit code ${code}, expected ${EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
file(READ ${JSON} json)

include(${CMAKE_CURRENT_LIST_DIR}/../tests/json_fields.cmake)
set(verdict_0 holds)
set(verdict_1 violated)
set(verdict_3 inconclusive)
expect_json_fields("${json}" schema=spancheck-report/1 command=stress executor=${EXECUTOR} verdict=${verdict_${EXIT}})

# outcome name -> trials, and the trials of forbidden outcomes
string(JSON rows LENGTH "${json}" outcomes)
math(EXPR last "${rows} - 1")
set(forbidden 0)
foreach(i RANGE ${last})
  string(JSON name GET "${json}" outcomes ${i} outcome)
  string(JSON n GET "${json}" outcomes ${i} trials)
  string(JSON expectation GET "${json}" outcomes ${i} expectation)
  set(trials_${name} ${n})
  string(JSON example ERROR_VARIABLE no_example GET "${json}" outcomes ${i} example)
  set(example_${name} "${example}")
  if(expectation STREQUAL forbidden)
    math(EXPR forbidden "${forbidden} + ${n}")
  endif()
endforeach()
string(JSON hits GET "${json}" window_hits)

if(EXIT STREQUAL "1" AND KIND)
  string(JSON kind GET "${json}" violation kind)
  if(NOT kind STREQUAL KIND OR NOT trials_${KIND} GREATER 0)
    message(FATAL_ERROR "first violation '${kind}', ${trials_${KIND}} trials with outcome ${KIND}; expected ${KIND}\n${out}")
  endif()
elseif(EXIT STREQUAL "0")
  if(NOT forbidden EQUAL 0 OR NOT hits GREATER 0)
    message(FATAL_ERROR "${forbidden} forbidden outcomes and ${hits} window hits; expected 0 and some\n${out}")
  endif()
endif()
if(OUTCOME)
  if(NOT trials_${OUTCOME} GREATER 0 OR NOT example_${OUTCOME} MATCHES "${MATCH}")
    message(FATAL_ERROR "no outcome ${OUTCOME} whose example matches '${MATCH}' (example: '${example_${OUTCOME}}')\n${out}")
  endif()
endif()

if(RERUN)
  string(JSON rerun GET "${json}" rerun_command)
  separate_arguments(rerun UNIX_COMMAND "${rerun}")
  execute_process(COMMAND ${rerun} RESULT_VARIABLE code OUTPUT_VARIABLE again ERROR_VARIABLE err)
  if(NOT code EQUAL 1 OR NOT again MATCHES "VIOLATED: [^\n]*\\[${KIND}\\]")
    message(FATAL_ERROR "the re-run exited ${code}, expected 1 with [${KIND}]\n${again}\n${err}")
  endif()
endif()
