Feature: CreateConnection
  Direct Connect CreateConnection creates a connection at a Direct Connect location.
  awsJson1_1: POST / with X-Amz-Target: OvertureService.CreateConnection and
  Content-Type: application/x-amz-json-1.1; the JSON body holds location, bandwidth and
  connectionName (required strings, no length or pattern limit), lagId and providerName
  (optional strings), requestMACSec (optional boolean) and tags (optional, at least one; each
  key required, 1..128 characters; each value optional, 0..256 characters; both
  ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$; keys unique; at most 50 tags).
  Success is 200 with the Connection object itself: a new standard connection, which starts in
  connectionState "requested", with a connectionId no earlier create returned, and tags shaped as
  the request's (the service model uses one Tag shape for both). Errors name their type in the
  body's __type with a message member: DirectConnectClientException 400,
  DuplicateTagKeysException 400, TooManyTagsException 400.

  Background:
    Given a valid "CreateConnection" request

  @creates @CreateConnection.response @CreateConnection.response.status
  Scenario: A valid request is accepted and the 200 body is the Connection object
    When I send the request
    Then the request is accepted
    And the response conforms to the spec

  # ---- what a create makes (x-plumb-created) -------------------------------------------------

  @creates @CreateConnection.response @CreateConnection.response.connectionState.enum
  Scenario: A new connection starts as requested
    When I send the request
    Then the created resource is new and in its documented initial state

  @creates @CreateConnection.response
  Scenario: Two connections created in turn get two connection ids
    When I send the request
    Then the created resource is new and in its documented initial state
    When I send the request
    Then the created resource is new and in its documented initial state

  @creates @CreateConnection.response @CreateConnection.response.tags.key.maxLength @CreateConnection.response.tags.key.pattern
  Scenario Outline: The new connection's tags keep the Tag shape (a key of <length> characters)
    Given the member "tags[0].key" is set to a string of length <length>
    When I send the request
    Then the created resource is new and in its documented initial state
    And the response conforms to the spec

    Examples:
      | length |
      | 1      |
      | 128    |

  # ---- location, bandwidth, connectionName (required strings) --------------------------------

  @CreateConnection.location.required @CreateConnection.bandwidth.required @CreateConnection.connectionName.required
  Scenario Outline: A missing <member> is rejected (<how>)
    Given the member "<member>" is <how>
    When I send the request
    Then the request is rejected for breaking "required" of "$.<member>"

    Examples:
      | member         | how              |
      | location       | removed          |
      | location       | set to JSON null |
      | bandwidth      | removed          |
      | bandwidth      | set to JSON null |
      | connectionName | removed          |
      | connectionName | set to JSON null |

  @CreateConnection.location.type @CreateConnection.bandwidth.type @CreateConnection.connectionName.type
  Scenario Outline: <member> of the wrong JSON type is rejected (<json>)
    Given the member "<member>" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.<member>"

    Examples:
      | member         | json      |
      | location       | 1         |
      | location       | ["EqDC2"] |
      | bandwidth      | 1000      |
      | bandwidth      | true      |
      | connectionName | {}        |
      | connectionName | false     |

  @creates @CreateConnection.location.type @CreateConnection.bandwidth.type @CreateConnection.connectionName.type
  Scenario Outline: <member> has no length or pattern limit (<what>)
    Given the member "<member>" is set to <value>
    When I send the request
    Then the request is accepted

    Examples:
      | member         | what                 | value                            |
      | connectionName | empty                | ""                               |
      | connectionName | 1000 characters      | a string of length 1000          |
      | connectionName | punctuation          | "conn #1 (primary)! *&^%"        |
      | connectionName | Unicode              | "connexion-réseau-東京"           |
      | location       | empty                | ""                               |
      | bandwidth      | empty                | ""                               |

  # ---- lagId, providerName, requestMACSec (optional) -----------------------------------------

  @creates @CreateConnection.lagId.type @CreateConnection.providerName.type @CreateConnection.requestMACSec.type
  Scenario Outline: Optional <member> may be absent or null (<how>)
    Given the member "<member>" is <how>
    When I send the request
    Then the request is accepted

    Examples:
      | member        | how                     |
      | lagId         | set to "dxlag-ffabc123" |
      | lagId         | set to JSON null        |
      | providerName  | set to "Example Telco"  |
      | providerName  | set to JSON null        |
      | requestMACSec | set to JSON true        |
      | requestMACSec | set to JSON false       |
      | requestMACSec | set to JSON null        |
      | tags          | removed                 |
      | tags          | set to JSON null        |

  @CreateConnection.lagId.type @CreateConnection.providerName.type
  Scenario Outline: <member> of the wrong JSON type is rejected (<json>)
    Given the member "<member>" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.<member>"

    Examples:
      | member       | json |
      | lagId        | 1    |
      | lagId        | []   |
      | providerName | true |
      | providerName | {}   |

  @CreateConnection.requestMACSec.type
  Scenario Outline: requestMACSec of the wrong JSON type is rejected (<json>)
    Given the member "requestMACSec" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.requestMACSec"

    Examples:
      | json    |
      | "true"  |
      | "false" |
      | 1       |
      | 0       |
      | [true]  |

  # ---- tags ----------------------------------------------------------------------------------

  @creates @CreateConnection.tags.minItems @CreateConnection.tags.maxItems @CreateConnection.tags.uniqueKeys
  Scenario Outline: <count> distinct tags are accepted
    Given the member "tags" holds <count> distinct items
    When I send the request
    Then the request is accepted

    Examples:
      | count |
      | 1     |
      | 2     |
      | 49    |
      | 50    |

  @CreateConnection.tags.maxItems @CreateConnection.error.TooManyTagsException
  Scenario Outline: More than 50 tags are rejected with TooManyTagsException (<count>)
    Given the member "tags" holds <count> distinct items
    When I send the request
    Then the request is rejected for breaking "maxItems" of "$.tags"

    Examples:
      | count |
      | 51    |
      | 52    |
      | 100   |

  @CreateConnection.tags.maxItems @CreateConnection.error.TooManyTagsException
  Scenario: TooManyTagsException names its type, status and message the awsJson1_1 way
    Given the member "tags" holds 51 distinct items
    When I send the request
    Then the error type is "TooManyTagsException" with status 400

  @CreateConnection.tags.uniqueKeys @CreateConnection.error.DuplicateTagKeysException
  Scenario Outline: A repeated tag key is rejected with DuplicateTagKeysException (<count> tags)
    Given the member "tags" holds <count> items with the same key
    When I send the request
    Then the request is rejected for breaking "uniqueKeys" of "$.tags"

    Examples:
      | count |
      | 2     |
      | 50    |

  @CreateConnection.tags.uniqueKeys @CreateConnection.error.DuplicateTagKeysException
  Scenario: DuplicateTagKeysException names its type, status and message the awsJson1_1 way
    Given the member "tags" holds 2 items with the same key
    When I send the request
    Then the error type is "DuplicateTagKeysException" with status 400

  @CreateConnection.tags.minItems
  Scenario: An empty tag list is rejected
    Given the member "tags" is set to JSON []
    When I send the request
    Then the request is rejected for breaking "minItems" of "$.tags"

  @CreateConnection.tags.type
  Scenario Outline: tags of the wrong JSON type is rejected (<json>)
    Given the member "tags" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.tags"

    Examples:
      | json                              |
      | {"key": "team", "value": "plumb"} |
      | "team=plumb"                      |
      | 1                                 |

  @CreateConnection.tags.key.type
  Scenario Outline: A tag that is not an object, or a key of the wrong JSON type, is rejected (<json>)
    Given the member "tags[0].key" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.tags[*].key"

    Examples:
      | json     |
      | 1        |
      | true     |
      | ["team"] |

  @CreateConnection.tags.key.required
  Scenario Outline: A tag without a key is rejected (<how>)
    Given the member "tags[0].key" is <how>
    When I send the request
    Then the request is rejected for breaking "required" of "$.tags[*].key"

    Examples:
      | how              |
      | removed          |
      | set to JSON null |

  @creates @CreateConnection.tags.key.minLength @CreateConnection.tags.key.maxLength
  Scenario Outline: A tag key of <length> characters (inside 1..128) is accepted
    Given the member "tags[0].key" is set to a string of length <length>
    When I send the request
    Then the request is accepted

    Examples:
      | length |
      | 1      |
      | 2      |
      | 127    |
      | 128    |

  @CreateConnection.tags.key.maxLength
  Scenario Outline: A tag key longer than 128 characters is rejected (<length>)
    Given the member "tags[0].key" is set to a string of length <length>
    When I send the request
    Then the request is rejected for breaking "maxLength" of "$.tags[*].key"

    Examples:
      | length |
      | 129    |
      | 130    |

  @CreateConnection.tags.key.minLength
  Scenario: An empty tag key is rejected
    Given the member "tags[0].key" is set to ""
    When I send the request
    Then the request is rejected for breaking "minLength" of "$.tags[*].key"

  @creates @CreateConnection.tags.key.pattern @CreateConnection.tags.value.pattern
  Scenario Outline: Tag keys and values of Unicode letters, spaces, digits and _.:/=+-@ are accepted (<value>)
    Given the member "tags[0].<member>" is set to "<value>"
    When I send the request
    Then the request is accepted

    Examples:
      | member | value                 |
      | key    | é                     |
      | key    | Kostenstelle Größe    |
      | key    | 東京                   |
      | key    | aws:cloudformation/id |
      | key    | a_b.c:d/e=f+g-h@i     |
      | key    | ١٢٣                   |
      | value  | Ωmega 42              |
      | value  | x=y+z-1@host:8080/a_b |

  @CreateConnection.tags.key.pattern
  Scenario Outline: A tag key outside ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$ is rejected (<value>)
    Given the member "tags[0].key" is set to "<value>"
    When I send the request
    Then the request is rejected for breaking "pattern" of "$.tags[*].key"

    Examples:
      | value   |
      | team!   |
      | #team   |
      | team*   |
      | a,b     |
      | a;b     |
      | a"b     |
      | <key>   |
      | team\n  |

  @creates @CreateConnection.tags.value.maxLength
  Scenario Outline: A tag value of <length> characters (inside 0..256) is accepted
    Given the member "tags[0].value" is set to a string of length <length>
    When I send the request
    Then the request is accepted

    Examples:
      | length |
      | 0      |
      | 1      |
      | 255    |
      | 256    |

  @creates @CreateConnection.tags.value.type
  Scenario Outline: A tag value is optional (<how>)
    Given the member "tags[0].value" is <how>
    When I send the request
    Then the request is accepted

    Examples:
      | how              |
      | removed          |
      | set to JSON null |

  @CreateConnection.tags.value.maxLength
  Scenario Outline: A tag value longer than 256 characters is rejected (<length>)
    Given the member "tags[0].value" is set to a string of length <length>
    When I send the request
    Then the request is rejected for breaking "maxLength" of "$.tags[*].value"

    Examples:
      | length |
      | 257    |
      | 258    |
      | 1024   |

  @CreateConnection.tags.value.pattern
  Scenario Outline: A tag value outside the tag pattern is rejected (<value>)
    Given the member "tags[0].value" is set to "<value>"
    When I send the request
    Then the request is rejected for breaking "pattern" of "$.tags[*].value"

    Examples:
      | value  |
      | plumb! |
      | a&b    |
      | 100%   |

  @CreateConnection.tags.value.type
  Scenario Outline: A tag value of the wrong JSON type is rejected (<json>)
    Given the member "tags[0].value" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.tags[*].value"

    Examples:
      | json  |
      | 1     |
      | false |
      | {}    |

  # ---- the request as a whole ----------------------------------------------------------------

  @CreateConnection.json
  Scenario Outline: A body that is not one JSON object is rejected (<what>)
    Given the body is: <body>
    When I send the request
    Then the request is rejected for breaking "json"

    Examples:
      | what             | body                      |
      | truncated        | {"location": "EqDC2"      |
      | trailing garbage | {"location": "EqDC2"} {}  |
      | not JSON         | location=EqDC2            |
      | a JSON array     | [{"location": "EqDC2"}]   |
      | a JSON number    | 42                        |

  @CreateConnection.json @CreateConnection.location.required
  Scenario: An empty body is rejected
    Given the body is empty
    When I send the request
    Then the request is rejected for breaking "json"

  @CreateConnection.contentType
  Scenario Outline: A body without the awsJson1_1 media type is rejected (<content type>)
    Given the header "Content-Type" is "<content type>"
    When I send the request
    Then the request is rejected for breaking "contentType"

    Examples:
      | content type              |
      | application/json          |
      | application/x-amz-json-1.0 |
      | text/plain                |

  @CreateConnection.contentType
  Scenario: A body without a Content-Type is rejected
    Given the header "Content-Type" is removed
    When I send the request
    Then the request is rejected for breaking "contentType"

  @CreateConnection.target
  Scenario Outline: A wrong X-Amz-Target is rejected, never served as CreateConnection (<target>)
    Given the header "X-Amz-Target" is "<target>"
    When I send the request
    Then the request is rejected for breaking "target"

    Examples:
      | target                             |
      | OvertureService.CreateConnectionX  |
      | OvertureService.createconnection   |
      | Overture.CreateConnection          |
      | CreateConnection                   |
      | OvertureService.                   |

  @CreateConnection.target
  Scenario: A missing X-Amz-Target is rejected
    Given the header "X-Amz-Target" is removed
    When I send the request
    Then the request is rejected for breaking "target"

  @creates @CreateConnection.json
  Scenario: Members the operation does not know are ignored
    Given the member "futureMember" is set to "ignored"
    When I send the request
    Then the request is accepted

  @CreateConnection.error.DirectConnectClientException
  Scenario: A client error names its type, status and message the awsJson1_1 way
    Given the member "location" is removed
    When I send the request
    Then the error type is "DirectConnectClientException" with status 400
