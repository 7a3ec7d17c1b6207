# The README tutorial ("Adding a variant") cannot rot: its variant file, its
# commands and the output it shows are checked against the real ones.
#
#   cmake -DMODE=file -DREADME=<README.md> -DSOURCE_DIR=<repo> -DOUT=<file> -P tutorial.cmake
#     every block under <!-- tutorial-file: PATH --> is byte for byte the file PATH;
#   cmake -DMODE=check -DREADME=<README.md> -DPROGRAM=<spancheck> -DOUT=<file> -P tutorial.cmake
#     runs the command of the block under <!-- tutorial-output: check -->, expects
#     exit 1 and the lines the block shows; keeps the output in OUT;
#   cmake -DMODE=replay -DREADME=<README.md> -DOUT=<file> -P tutorial.cmake
#     runs the `Replay:` command that the check printed for its model
#     counterexample on two-poppers, expects exit 1 and the lines of the block
#     under <!-- tutorial-output: replay -->, whose command must be that one.
#
# An output block is a `$ build/spancheck ARGS` line, then lines that must
# appear in the real output in that order (other lines may come between them).
# In a line, `…` stands for any text: timings, paths, stress cells (real
# threads are not deterministic). Trailing blanks are ignored.

set(ellipsis "…")

# The fenced block that follows `marker` in the README, without its fences.
function(readme_block marker out_var)
  file(READ ${README} readme)
  string(FIND "${readme}" "${marker}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${README} has no line '${marker}'")
  endif()
  string(SUBSTRING "${readme}" ${at} -1 rest)
  string(FIND "${rest}" "\n" eol)
  math(EXPR eol "${eol} + 1")
  string(SUBSTRING "${rest}" ${eol} -1 rest)
  if(NOT rest MATCHES "^```[^\n]*\n")
    message(FATAL_ERROR "'${marker}' in ${README} must be followed, on the next line, by a fenced code block")
  endif()
  string(LENGTH "${CMAKE_MATCH_0}" open)
  string(SUBSTRING "${rest}" ${open} -1 rest)
  if(rest MATCHES "^```")
    set(${out_var} "" PARENT_SCOPE)
    return()
  endif()
  string(FIND "${rest}" "\n```" close)
  if(close EQUAL -1)
    message(FATAL_ERROR "the code block after '${marker}' in ${README} is not closed")
  endif()
  math(EXPR close "${close} + 1")
  string(SUBSTRING "${rest}" 0 ${close} block)
  set(${out_var} "${block}" PARENT_SCOPE)
endfunction()

# Takes the first line off the string in variable `text` (no list: output has
# `;` and brackets) into `line_var`, without its newline and trailing blanks.
macro(take_line text line_var)
  string(FIND "${${text}}" "\n" _nl)
  if(_nl EQUAL -1)
    set(${line_var} "${${text}}")
    set(${text} "")
  else()
    string(SUBSTRING "${${text}}" 0 ${_nl} ${line_var})
    math(EXPR _nl "${_nl} + 1")
    string(SUBSTRING "${${text}}" ${_nl} -1 ${text})
  endif()
  string(REGEX REPLACE "[ \t\r]+$" "" ${line_var} "${${line_var}}")
endmacro()

# Whether `line` matches `pattern`, in which `…` stands for any text.
function(line_matches line pattern out_var)
  set(${out_var} FALSE PARENT_SCOPE)
  string(FIND "${pattern}" "${ellipsis}" star)
  if(star EQUAL -1)
    if(line STREQUAL pattern)
      set(${out_var} TRUE PARENT_SCOPE)
    endif()
    return()
  endif()
  string(LENGTH "${ellipsis}" star_len)
  # The text before the first `…` starts the line.
  string(SUBSTRING "${pattern}" 0 ${star} piece)
  string(LENGTH "${piece}" n)
  string(LENGTH "${line}" line_len)
  if(n GREATER line_len)
    return()
  endif()
  string(SUBSTRING "${line}" 0 ${n} head)
  if(NOT head STREQUAL piece)
    return()
  endif()
  string(SUBSTRING "${line}" ${n} -1 line)
  math(EXPR star "${star} + ${star_len}")
  string(SUBSTRING "${pattern}" ${star} -1 pattern)
  # Each text between two `…` comes next, anywhere.
  string(FIND "${pattern}" "${ellipsis}" star)
  while(NOT star EQUAL -1)
    string(SUBSTRING "${pattern}" 0 ${star} piece)
    string(FIND "${line}" "${piece}" at)
    if(at EQUAL -1)
      return()
    endif()
    string(LENGTH "${piece}" n)
    math(EXPR at "${at} + ${n}")
    string(SUBSTRING "${line}" ${at} -1 line)
    math(EXPR star "${star} + ${star_len}")
    string(SUBSTRING "${pattern}" ${star} -1 pattern)
    string(FIND "${pattern}" "${ellipsis}" star)
  endwhile()
  # The text after the last `…` ends the line.
  string(LENGTH "${pattern}" n)
  string(LENGTH "${line}" line_len)
  if(n GREATER line_len)
    return()
  endif()
  math(EXPR from "${line_len} - ${n}")
  string(SUBSTRING "${line}" ${from} -1 tail)
  if(tail STREQUAL pattern)
    set(${out_var} TRUE PARENT_SCOPE)
  endif()
endfunction()

# Splits an output block into its command's arguments (after the program) and
# the lines expected in the output.
function(split_output_block block args_var expected_var)
  take_line(block command)
  if(NOT command MATCHES "^\\$ build/spancheck (.*)$")
    message(FATAL_ERROR "an output block must start with '$ build/spancheck ARGS', not '${command}'")
  endif()
  set(${args_var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  set(${expected_var} "${block}" PARENT_SCOPE)
endfunction()

# Fails unless every non-blank line of `expected` matches a line of `output`,
# in order.
function(expect_lines_in_order expected output what)
  set(rest "${output}")
  while(NOT expected STREQUAL "")
    take_line(expected want)
    if(want STREQUAL "" OR want MATCHES "^ *${ellipsis}$")
      continue()
    endif()
    set(found FALSE)
    while(NOT found AND NOT rest STREQUAL "")
      take_line(rest got)
      line_matches("${got}" "${want}" found)
    endwhile()
    if(NOT found)
      message(FATAL_ERROR "${what}: the README shows the line\n  ${want}\nbut the real output has no such line "
                          "(in this order; `…` stands for any text). Run the command, then update the README's "
                          "block or the code.\nThe output:\n${output}")
    endif()
  endwhile()
endfunction()

if(MODE STREQUAL "file")
  file(READ ${README} readme)
  string(REGEX MATCHALL "<!-- tutorial-file: [^ ]+ -->" markers "${readme}")
  if(NOT markers)
    message(FATAL_ERROR "${README} has no <!-- tutorial-file: PATH --> block")
  endif()
  foreach(marker IN LISTS markers)
    string(REGEX REPLACE "<!-- tutorial-file: ([^ ]+) -->" "\\1" path "${marker}")
    readme_block("${marker}" block)
    file(READ ${SOURCE_DIR}/${path} content)
    if(NOT block STREQUAL content)
      # Shown as a diff: the README's copy goes to a file next to OUT for a moment.
      get_filename_component(dir ${OUT} DIRECTORY)
      set(copy ${dir}/tutorial-file-in-readme.txt)
      file(WRITE ${copy} "${block}")
      execute_process(COMMAND diff -u ${SOURCE_DIR}/${path} ${copy} OUTPUT_VARIABLE diff)
      file(REMOVE ${copy})
      message(FATAL_ERROR "the README's copy of ${path} differs from the file (diff file → README):\n${diff}")
    endif()
  endforeach()

elseif(MODE STREQUAL "check")
  readme_block("<!-- tutorial-output: check -->" block)
  split_output_block("${block}" args expected)
  separate_arguments(args UNIX_COMMAND "${args}")
  execute_process(COMMAND ${PROGRAM} ${args} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  file(WRITE ${OUT} "${out}")
  if(NOT code STREQUAL "1")
    message(FATAL_ERROR "spancheck ${args}: exit code ${code}, expected 1 (a violation)\n${out}${err}")
  endif()
  expect_lines_in_order("${expected}" "${out}" "spancheck check")

elseif(MODE STREQUAL "replay")
  # The Replay: line of the model counterexample on two-poppers.
  file(READ ${OUT} out)
  set(section "── two-poppers × model dpor ──")
  string(FIND "${out}" "${section}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the check's output (${OUT}) has no section '${section}'")
  endif()
  string(SUBSTRING "${out}" ${at} -1 out)
  if(NOT out MATCHES "\nReplay: ([^\n]*)")
    message(FATAL_ERROR "section '${section}' of the check's output has no 'Replay:' line")
  endif()
  set(replay "${CMAKE_MATCH_1}")

  # The README replays that very command (its program aside).
  readme_block("<!-- tutorial-output: replay -->" block)
  split_output_block("${block}" readme_args expected)
  string(REGEX REPLACE "^[^ ]*spancheck " "" printed_args "${replay}")
  line_matches("${printed_args}" "${readme_args}" same)
  if(NOT same)
    message(FATAL_ERROR "the README replays\n  ${readme_args}\nbut the check printed\n  Replay: ${replay}")
  endif()

  # Pasted as printed, it runs the one execution again.
  separate_arguments(command UNIX_COMMAND "${replay}")
  execute_process(COMMAND ${command} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code STREQUAL "1")
    message(FATAL_ERROR "${replay}: exit code ${code}, expected 1 (the violation again)\n${out}${err}")
  endif()
  expect_lines_in_order("${expected}" "${out}" "the replay")

else()
  message(FATAL_ERROR "MODE must be file, check or replay, not '${MODE}'")
endif()
