Feature: GetConnection
  Outposts GetConnection returns a connection that StartConnection started.
  restJson1: GET /connections/{ConnectionId}, no body. The ConnectionId path label has the
  constraints of the ConnectionId StartConnection returns: 1..1024 characters of
  ^[a-zA-Z0-9+/=]{1,1024}$. Clients percent-encode every byte outside A-Za-z0-9-._~, so a server
  must route on the escaped path. An unknown but valid id is 404 NotFoundException; an invalid
  id is 400 ValidationException. Errors name their type in X-Amzn-ErrorType and carry Message.
  (Retrieving started connections is in flows.feature.)

  Background:
    Given a valid "GetConnection" request

  @GetConnection.ConnectionId.minLength @GetConnection.ConnectionId.maxLength @GetConnection.ConnectionId.pattern @GetConnection.error.NotFoundException
  Scenario Outline: An unknown id of <length> characters (inside 1..1024) is not found
    Given the member "ConnectionId" is set to a string of length <length>
    When I send the request
    Then the error type is "NotFoundException" with status 404

    Examples:
      | length |
      | 1      |
      | 2      |
      | 1023   |
      | 1024   |

  @GetConnection.ConnectionId.pattern @GetConnection.error.NotFoundException
  Scenario Outline: An unknown id holding "+", "/" or "=" is routed and not found (<id>)
    Given the member "ConnectionId" is set to "<id>"
    When I send the request
    Then the error type is "NotFoundException" with status 404

    Examples:
      | id               |
      | ab+c/d=          |
      | plumb/unknown/id |
      | ====             |
      | ++//             |
      | /leading         |
      | trailing/        |

  @GetConnection.ConnectionId.type @GetConnection.error.NotFoundException
  Scenario: A path label travels as text, so a numeric id is a string id
    Given the member "ConnectionId" is set to JSON 12345
    When I send the request
    Then the error type is "NotFoundException" with status 404

  @GetConnection.ConnectionId.maxLength @GetConnection.error.ValidationException
  Scenario Outline: An id longer than 1024 characters is invalid, not unknown (<length>)
    Given the member "ConnectionId" is set to a string of length <length>
    When I send the request
    Then the request is rejected for breaking "maxLength" of "$.ConnectionId"

    Examples:
      | length |
      | 1025   |
      | 1026   |
      | 2048   |

  @GetConnection.ConnectionId.pattern @GetConnection.error.ValidationException
  Scenario Outline: An id outside ^[a-zA-Z0-9+/=]{1,1024}$ is invalid, not unknown (<id>)
    Given the member "ConnectionId" is set to "<id>"
    When I send the request
    Then the request is rejected for breaking "pattern" of "$.ConnectionId"

    Examples:
      | id          |
      | abc-def     |
      | abc_def     |
      | abcé        |
      | abc.def     |
      | abc~def     |
      | abc def     |
      | abc%def     |
      | abc?def     |

  @GetConnection.ConnectionId.required @GetConnection.ConnectionId.minLength
  Scenario: An empty id (an empty path label) is rejected, never served
    Given the member "ConnectionId" is set to ""
    When I send the request
    Then the request is rejected for breaking "minLength" of "$.ConnectionId"

  @GetConnection.error.ValidationException
  Scenario: A validation error names its type, status and message the restJson1 way
    Given the member "ConnectionId" is set to "not-a-valid-id"
    When I send the request
    Then the error type is "ValidationException" with status 400

  @GetConnection.error.NotFoundException
  Scenario: A not-found error names its type, status and message the restJson1 way
    When I send the request
    Then the error type is "NotFoundException" with status 404
