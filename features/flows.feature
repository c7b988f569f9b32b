Feature: Connection flows
  What StartConnection creates, GetConnection returns. A started connection is retrievable by
  the ConnectionId StartConnection returned, whatever characters that id holds (base64 ids hold
  "+", "/" and "=", which travel percent-encoded in the path), and GetConnection's
  ConnectionDetails carry the ClientPublicKey that was submitted. An id nobody started is
  404 NotFoundException. Every start returns an id no earlier start returned. The ConnectionId
  pattern allows "+", "/" and "=" without requiring them: a target whose ids never hold one gets
  a warning (failing only with --strict), since its percent-encoded paths went untested.

  @creates @StartConnection.response @GetConnection.response @GetConnection.response.status
  Scenario: A started connection round-trips with its ClientPublicKey
    When I start a connection
    And I get that connection
    Then the connection round-trips
    And the response conforms to the spec

  @creates @StartConnection.response @GetConnection.response @GetConnection.ConnectionId.pattern @GetConnection.ConnectionId.maxLength
  Scenario: Thirty started connections all round-trip, whatever their ids hold
    When I start 30 connections and get each back
    Then some connection ids held "+", "/" or "="

  @GetConnection.error.NotFoundException
  Scenario: An id nobody started is not found
    Given a valid "GetConnection" request
    When I send the request
    Then the error type is "NotFoundException" with status 404
