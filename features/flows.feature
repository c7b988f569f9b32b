Feature: Connection flows
  What StartConnection creates, GetConnection returns. A started connection is retrievable by
  the ConnectionId StartConnection returned, whatever characters that id holds (base64 ids hold
  "+", "/" and "=", which travel percent-encoded in the path), and GetConnection's
  ConnectionDetails carry the ClientPublicKey that was submitted. An id nobody started is
  404 NotFoundException. Every start returns an id no earlier start returned. The ConnectionId
  pattern allows "+", "/" and "=" without requiring them: a target whose ids never hold one gets
  a warning (failing only with --strict), since its percent-encoded paths went untested.

  What CreateConnection creates, DescribeConnections describes: given the connectionId
  CreateConnection returned, it lists that one connection, with the tags it was created with.
  Each flow is the one the spec declares on its create (x-plumb-created read).

  @creates @StartConnection.response @GetConnection.response @GetConnection.response.status
  Scenario: A started connection round-trips with its ClientPublicKey
    When I create a resource with a valid "StartConnection" request
    And I read it back
    Then it reads back as created
    And the response conforms to the spec

  @creates @StartConnection.response @GetConnection.response @GetConnection.ConnectionId.pattern @GetConnection.ConnectionId.maxLength
  Scenario: Thirty started connections all round-trip, whatever their ids hold
    When I create 30 resources with valid "StartConnection" requests and read each back
    Then some ids needed percent-encoding in the path

  @GetConnection.error.NotFoundException
  Scenario: An id nobody started is not found
    Given a valid "GetConnection" request
    When I send the request
    Then the error type is "NotFoundException" with status 404

  # ---- Direct Connect: CreateConnection, then DescribeConnections by its id --------------------

  @creates @CreateConnection.response @DescribeConnections.response @DescribeConnections.response.status
  Scenario: A created connection is described by its id, with the tags it was given
    When I create a resource with a valid "CreateConnection" request
    And I read it back
    Then it reads back as created
    And the response conforms to the spec

  @creates @CreateConnection.response @DescribeConnections.response
  Scenario: Ten created connections are each described by their own id
    When I create 10 resources with valid "CreateConnection" requests and read each back
