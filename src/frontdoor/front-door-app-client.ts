/**
 * `FrontDoorAppClient` (data or cloud layer; `FrontDoorUserPool` puts it in the data stack): the
 * Cognito app client the front door's ALB signs users in with — authorization code flow, scopes
 * `openid` and `email`, a **client secret**, callback URLs `https://<host>/oauth2/idpresponse` —
 * created at apply time by a Lambda function ({@link ApplyTimeFunction}, handler
 * `lambda/cognito-app-client/index.js`) so that **the secret is in no Terraform state**.
 *
 * The aws provider's `aws_cognito_user_pool_client` reads `client_secret` on every refresh (6.25 has
 * no write-only variant), so a client Terraform manages keeps its secret in the state. The ALB's
 * authenticate-cognito action needs only the pool ARN, the client id and the domain: Elastic Load
 * Balancing reads the secret from Cognito itself. Terraform manages the function, its role (the
 * four app-client actions on the one pool), its log group and the invocation, whose input is the
 * pool id, the client's name and its full settings, and whose result is `{ clientId }`.
 *
 * Changes made to the client outside Terraform are not seen by it (no drift detection); the next
 * invocation update (any change of the settings) sets the full settings again.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { ApplyTimeFunction } from '../core/apply-time/apply-time-function';
import { Schemas, validateProps } from '../core/validation';

/** Name of the handler folder under `lambda/`. */
export const COGNITO_APP_CLIENT_HANDLER = 'cognito-app-client';

/**
 * The deterministic name of the ALB's app client, by which a retried create finds it (client names
 * are not unique in a pool). Not `alb`, the name of the client Terraform managed before: the
 * function must not adopt that one, which Terraform destroys in the same apply.
 */
export const FRONT_DOOR_APP_CLIENT_NAME = 'front-door-alb';

/**
 * The app client's settings other than the callback URLs, in the Cognito API's names — those of the
 * Terraform client before (`aws_cognito_user_pool_client`, with the provider's defaults of
 * `refresh_token_validity` 30 days and `auth_session_validity` 3 minutes; access and ID tokens
 * Cognito's 60 minutes). All are sent on every update: UpdateUserPoolClient resets omitted ones.
 */
export const FRONT_DOOR_APP_CLIENT_SETTINGS = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['email', 'openid'],
  SupportedIdentityProviders: ['COGNITO'],
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: true,
  AccessTokenValidity: 60,
  IdTokenValidity: 60,
  RefreshTokenValidity: 30,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  AuthSessionValidity: 3,
} as const;

/** What the handler returns (the invocation's `result`). */
export interface FrontDoorAppClientResult extends Record<string, unknown> {
  readonly clientId: string;
}

/** Props of {@link FrontDoorAppClient}. */
export interface FrontDoorAppClientProps {
  /** The user pool's id (`aws_cognito_user_pool.id`). */
  readonly userPoolId: string;
  /** The user pool's ARN: the only resource the function's role may act on. */
  readonly userPoolArn: string;
  /** The URLs Cognito may redirect to after sign-in (`https://<host>/oauth2/idpresponse`). */
  readonly callbackUrls: readonly string[];
  /** Name of the function (≤ 64 characters), also its role's and its log group's. */
  readonly functionName: string;
  /**
   * Name of the app client.
   * @default FRONT_DOOR_APP_CLIENT_NAME
   */
  readonly clientName?: string;
  /** `lifecycle.prevent_destroy` of the function's log-group KMS key. */
  readonly preventDestroy: boolean;
}

const schema = Schemas.props<FrontDoorAppClientProps>()({
  userPoolId: z.string().min(1, { message: 'is empty; pass the user pool id' }),
  userPoolArn: z.string().min(1, { message: 'is empty; pass the user pool ARN' }),
  callbackUrls: z.array(z.string().regex(/^https:\/\/\S+$/, { message: 'is not an https:// URL' })).min(1, { message: 'is empty; list the callback URLs' }),
  functionName: z.string(),
  clientName: z.string().regex(/^[\w\s+=,.@-]{1,128}$/, { message: 'is not an app client name (1-128 letters, digits, spaces and +=,.@-_)' }).optional(),
  preventDestroy: z.boolean(),
});

/** The ALB's Cognito app client with a secret, owned by an apply-time function (the secret never in state). */
export class FrontDoorAppClient extends Construct {
  /** The function, its role, log group and invocation. */
  public readonly applyTime: ApplyTimeFunction<FrontDoorAppClientResult>;
  /** The client id (`jsondecode(result).clientId`; a reference, also across stacks). */
  public readonly clientId: string;

  constructor(scope: Construct, id: string, props: FrontDoorAppClientProps) {
    super(scope, id);
    validateProps(this, schema, props);
    this.applyTime = new ApplyTimeFunction<FrontDoorAppClientResult>(this, 'function', {
      handler: COGNITO_APP_CLIENT_HANDLER,
      functionName: props.functionName,
      description: 'Creates, updates and deletes the ALB app client of a Cognito user pool (its secret never in Terraform state)',
      roleDescription: `Lambda ${props.functionName}: manages the ALB app client of one Cognito user pool`,
      policyName: 'manage-app-client',
      statements: () => [
        {
          Sid: 'ManageTheAppClient',
          Effect: 'Allow',
          Action: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:UpdateUserPoolClient', 'cognito-idp:DeleteUserPoolClient', 'cognito-idp:ListUserPoolClients'],
          Resource: props.userPoolArn,
        },
      ],
      input: {
        userPoolId: props.userPoolId,
        clientName: props.clientName ?? FRONT_DOOR_APP_CLIENT_NAME,
        settings: { ...FRONT_DOOR_APP_CLIENT_SETTINGS, CallbackURLs: [...props.callbackUrls] },
      },
      preventDestroy: props.preventDestroy,
    });
    this.clientId = this.applyTime.resultField('clientId');
  }
}
